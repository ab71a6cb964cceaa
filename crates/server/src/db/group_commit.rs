//! Group commit for SQLite: many requests' write transactions share one commit.
//!
//! SQLite has one writer, and with `synchronous=FULL` each commit waits for the disk.
//! When hundreds of devices push at once, committing each push on its own queues them
//! behind hundreds of fsyncs. Instead, async writes go to one writer thread, which
//! takes every job waiting (up to [`MAX_GROUP`]) and runs them in one transaction,
//! then commits once and only then answers them all.
//!
//! What a request sees does not change: its work is atomic, and its answer comes after
//! the commit that made it durable. Jobs get no savepoint each: SQLite keeps a copy of
//! every page a savepoint touches, which cost the writer a seventh of its time in a
//! burst of pushes. Instead a job that fails must fail before it writes, as the
//! protocol's do (a refused push, a seq gap, a used enrollment code): the connection's
//! change count shows that it wrote nothing, and the group goes on without it. A job
//! that fails *after* writing (a failure of the server itself, or a bug) can't be
//! undone alone, so the whole transaction rolls back, every job run in it gets an error
//! and keeps nothing, and the jobs still waiting start a new transaction. Devices
//! retry such errors, and their pushes are idempotent. If the commit fails, every job
//! in the group gets the error and none of their writes stay.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, TransactionBehavior};
use tokio::sync::oneshot;

use super::Tx;
use super::checkpoint::Checkpointer;
use super::sqlite::SqliteTx;
use crate::error::{Result, ServerError};

/// Most jobs in one transaction: bounds the wait of the first job in a group.
const MAX_GROUP: usize = 128;
/// Jobs waiting for the writer beyond this make callers wait (backpressure).
const QUEUE_DEPTH: usize = 4096;

/// Runs a job inside the group's transaction; the returned closure is called after the
/// commit with its outcome, to answer the caller.
type Job = Box<dyn FnOnce(&mut dyn Tx) -> (bool, Completion) + Send>;
type Completion = Box<dyn FnOnce(std::result::Result<(), String>) + Send>;

#[derive(Clone)]
pub struct GroupWriter {
    jobs: SyncSender<Job>,
}

impl GroupWriter {
    /// Starts the writer thread on `conn`; it stops when the last handle is dropped.
    /// Each commit nudges `checkpoints`.
    pub fn start(conn: Arc<Mutex<Connection>>, checkpoints: Checkpointer) -> Result<GroupWriter> {
        let (jobs, queue) = std::sync::mpsc::sync_channel::<Job>(QUEUE_DEPTH);
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || run(&conn, &queue, &checkpoints))
            .map_err(|e| ServerError::io("starting the SQLite writer thread", e))?;
        Ok(GroupWriter { jobs })
    }

    /// Runs `work` in the next group and returns its result once it is durable.
    pub async fn write<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Tx) -> Result<T> + Send + 'static,
    {
        let (mut job, answer) = job(work);
        loop {
            match self.jobs.try_send(job) {
                Ok(()) => break,
                Err(TrySendError::Full(back)) => {
                    job = back;
                    tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                }
                Err(TrySendError::Disconnected(_)) => {
                    return Err(ServerError::Task("the SQLite writer thread has stopped".into()));
                }
            }
        }
        answer.await.map_err(|_| ServerError::Task("the write did not run; the writer thread logged why".into()))?
    }
}

/// `work` as a job for the writer, and where its result will arrive.
fn job<T, F>(work: F) -> (Job, oneshot::Receiver<Result<T>>)
where
    T: Send + 'static,
    F: FnOnce(&mut dyn Tx) -> Result<T> + Send + 'static,
{
    let (reply, answer) = oneshot::channel::<Result<T>>();
    let job: Job = Box::new(move |tx| {
        let outcome = work(tx);
        let ok = outcome.is_ok();
        let completion: Completion = Box::new(move |commit| {
            let result = match (outcome, commit) {
                (Ok(value), Ok(())) => Ok(value),
                (Ok(_), Err(e)) => Err(ServerError::Commit(e)),
                (Err(e), _) => Err(e),
            };
            let _ = reply.send(result);
        });
        (ok, completion)
    });
    (job, answer)
}

fn run(conn: &Mutex<Connection>, queue: &Receiver<Job>, checkpoints: &Checkpointer) {
    while let Ok(first) = queue.recv() {
        let mut waiting = VecDeque::from([first]);
        while waiting.len() < MAX_GROUP {
            match queue.try_recv() {
                Ok(job) => waiting.push_back(job),
                Err(_) => break,
            }
        }
        // Usually one transaction; more only when a job fails after writing.
        while !waiting.is_empty() {
            let mut conn = conn.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let (completions, outcome) = run_group(&mut conn, &mut waiting);
            drop(conn);
            checkpoints.nudge();
            for complete in completions {
                complete(outcome.clone());
            }
        }
    }
}

/// Runs jobs from the front of `waiting` in one transaction and commits them, or rolls
/// back at the first job that failed after writing (the jobs after it stay waiting).
/// Returns each job's completion with what became of the transaction.
fn run_group(conn: &mut Connection, waiting: &mut VecDeque<Job>) -> (Vec<Completion>, std::result::Result<(), String>) {
    let mut completions = Vec::with_capacity(waiting.len());
    let tx = match conn.transaction_with_behavior(TransactionBehavior::Immediate) {
        Ok(tx) => tx,
        Err(e) => {
            // Nothing ran: dropping the jobs drops their reply channels, and the
            // callers get an error; the cause is logged here.
            tracing::error!(error = %e, "SQLite writer: cannot begin a transaction");
            waiting.clear();
            return (completions, Err(e.to_string()));
        }
    };
    while let Some(job) = waiting.pop_front() {
        let before = tx.total_changes();
        let mut handle = SqliteTx { conn: &tx };
        let ok = match catch_unwind(AssertUnwindSafe(|| job(&mut handle))) {
            Ok((ok, completion)) => {
                completions.push(completion);
                ok
            }
            Err(_) => {
                tracing::error!("a write job panicked");
                false
            }
        };
        if !ok && tx.total_changes() != before {
            tracing::error!(jobs = completions.len(), "a write job failed after writing; its group is rolled back");
            drop(tx);
            return (completions, Err("the server failed while saving this change; nothing of it was kept".into()));
        }
    }
    let commit = tx.commit().map_err(|e| e.to_string());
    if let Err(e) = &commit {
        tracing::error!(error = %e, jobs = completions.len(), "SQLite writer: a group commit failed");
    }
    (completions, commit)
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use rusqlite::Connection;
    use tokio::sync::oneshot;

    use super::{job, run_group};
    use crate::db::{Db, DbTarget, PoolOptions};
    use crate::error::{Result, ServerError};
    use crate::params;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_job_refused_before_it_writes_leaves_the_others_alone() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&DbTarget::Sqlite(dir.path().join("g.sqlite3")), PoolOptions::default()).unwrap();
        let db2 = db.clone();
        tokio::task::spawn_blocking(move || db2.write(|tx| tx.batch("CREATE TABLE t (n INTEGER NOT NULL)")))
            .await
            .unwrap()
            .unwrap();
        let mut tasks = Vec::new();
        for n in 0..60i64 {
            let db = db.clone();
            tasks.push(tokio::spawn(async move {
                db.write_async(move |tx| {
                    if n % 5 == 0 {
                        return Err(ServerError::Invalid(format!("job {n} is refused")));
                    }
                    tx.execute("INSERT INTO t (n) VALUES ($1)", params![n])?;
                    Ok(n)
                })
                .await
            }));
        }
        let mut failed = 0;
        for task in tasks {
            if task.await.unwrap().is_err() {
                failed += 1;
            }
        }
        assert_eq!(failed, 12);
        let rows =
            db.read_async(|tx| tx.query("SELECT COUNT(*), COALESCE(SUM(n % 5 = 0), 0) FROM t", &[])).await.unwrap();
        assert_eq!(rows[0].int(0).unwrap(), 48, "every job that was not refused committed");
        assert_eq!(rows[0].int(1).unwrap(), 0);
    }

    /// A job that inserts `n`, then fails if `fail` says so.
    fn insert(n: i64, fail: bool) -> (super::Job, oneshot::Receiver<Result<i64>>) {
        job(move |tx| {
            tx.execute("INSERT INTO t (n) VALUES ($1)", params![n])?;
            if fail { Err(ServerError::Invalid(format!("job {n} fails after writing"))) } else { Ok(n) }
        })
    }

    fn numbers(conn: &Connection) -> Vec<i64> {
        let mut stmt = conn.prepare("SELECT n FROM t ORDER BY n").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(|n| n.unwrap()).collect()
    }

    #[test]
    fn a_job_that_fails_after_writing_takes_its_transaction_with_it_and_the_rest_go_on() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (n INTEGER NOT NULL)").unwrap();
        let (a, mut a_answer) = insert(1, false);
        let (b, mut b_answer) = insert(2, true);
        let (c, mut c_answer) = insert(3, false);
        let mut waiting = VecDeque::from([a, b, c]);

        let (completions, outcome) = run_group(&mut conn, &mut waiting);
        assert_eq!(completions.len(), 2, "a and b ran in the first transaction");
        assert!(outcome.is_err());
        for complete in completions {
            complete(outcome.clone());
        }
        assert_eq!(waiting.len(), 1, "c waits for the next transaction");
        assert!(numbers(&conn).is_empty(), "nothing of a or b was kept");
        assert!(matches!(a_answer.try_recv().unwrap(), Err(ServerError::Commit(_))), "a is told it was not saved");
        assert!(matches!(b_answer.try_recv().unwrap(), Err(ServerError::Invalid(_))), "b gets its own error");

        let (completions, outcome) = run_group(&mut conn, &mut waiting);
        assert!(outcome.is_ok());
        for complete in completions {
            complete(outcome.clone());
        }
        assert_eq!(c_answer.try_recv().unwrap().unwrap(), 3);
        assert_eq!(numbers(&conn), vec![3]);
    }

    #[test]
    fn a_job_refused_in_the_middle_of_a_group_costs_the_others_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (n INTEGER NOT NULL)").unwrap();
        let (a, mut a_answer) = insert(1, false);
        let (b, mut b_answer) = job(|_tx| -> Result<i64> { Err(ServerError::Invalid("refused".into())) });
        let (c, mut c_answer) = insert(3, false);
        let mut waiting = VecDeque::from([a, b, c]);
        let (completions, outcome) = run_group(&mut conn, &mut waiting);
        assert!(outcome.is_ok() && waiting.is_empty());
        for complete in completions {
            complete(outcome.clone());
        }
        assert_eq!(a_answer.try_recv().unwrap().unwrap(), 1);
        assert!(b_answer.try_recv().unwrap().is_err());
        assert_eq!(c_answer.try_recv().unwrap().unwrap(), 3);
        assert_eq!(numbers(&conn), vec![1, 3]);
    }
}
