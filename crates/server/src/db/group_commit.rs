//! Group commit for SQLite: many requests' write transactions share one commit.
//!
//! SQLite has one writer, and with `synchronous=FULL` each commit waits for the disk.
//! When hundreds of devices push at once, committing each push on its own queues them
//! behind hundreds of fsyncs. Instead, async writes go to one writer thread, which
//! takes every job waiting (up to [`MAX_GROUP`]) and runs them in one transaction,
//! each in its own savepoint, then commits once and only then answers them all.
//!
//! What a request sees does not change: its work is atomic (a failing job is rolled
//! back to its savepoint, and only it gets the error), and its answer comes after the
//! commit that made it durable. If that commit fails, every job in the group gets the
//! error and none of their writes stay.

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
        let mut job = job;
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

fn run(conn: &Mutex<Connection>, queue: &Receiver<Job>, checkpoints: &Checkpointer) {
    while let Ok(first) = queue.recv() {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match queue.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        let mut conn = conn.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let completions = match run_group(&mut conn, group) {
            Ok((completions, commit)) => completions.into_iter().map(|c| (c, commit.clone())).collect::<Vec<_>>(),
            Err((completions, e)) => completions.into_iter().map(|c| (c, Err(e.clone()))).collect(),
        };
        drop(conn);
        checkpoints.nudge();
        for (complete, commit) in completions {
            complete(commit);
        }
    }
}

type GroupOutcome = std::result::Result<(Vec<Completion>, std::result::Result<(), String>), (Vec<Completion>, String)>;

/// Runs the jobs, each in a savepoint, and commits. A failure of the transaction itself
/// (not of one job) fails the whole group.
fn run_group(conn: &mut Connection, group: Vec<Job>) -> GroupOutcome {
    let mut completions = Vec::with_capacity(group.len());
    let tx = match conn.transaction_with_behavior(TransactionBehavior::Immediate) {
        Ok(tx) => tx,
        Err(e) => {
            // Nothing ran: dropping the jobs drops their reply channels, and the
            // callers get an error; the cause is logged here.
            tracing::error!(error = %e, "SQLite writer: cannot begin a transaction");
            drop(group);
            return Err((completions, e.to_string()));
        }
    };
    for job in group {
        if let Err(e) = statement(&tx, "SAVEPOINT job") {
            tracing::error!(error = %e, "SQLite writer: cannot open a savepoint");
            return Err((completions, e.to_string()));
        }
        let mut handle = SqliteTx { conn: &tx };
        let ran = catch_unwind(AssertUnwindSafe(|| job(&mut handle)));
        let ok = match ran {
            Ok((ok, completion)) => {
                completions.push(completion);
                ok
            }
            Err(_) => {
                tracing::error!("a write job panicked; its savepoint is rolled back");
                false
            }
        };
        let rolled_back = if ok { Ok(()) } else { statement(&tx, "ROLLBACK TO SAVEPOINT job") };
        if let Err(e) = rolled_back.and_then(|()| statement(&tx, "RELEASE SAVEPOINT job")) {
            tracing::error!(error = %e, "SQLite writer: cannot close a savepoint");
            return Err((completions, e.to_string()));
        }
    }
    let commit = tx.commit().map_err(|e| e.to_string());
    if let Err(e) = &commit {
        tracing::error!(error = %e, jobs = completions.len(), "SQLite writer: a group commit failed");
    }
    Ok((completions, commit))
}

/// A parameterless statement, prepared once per connection (they run for every job).
fn statement(conn: &Connection, sql: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(sql)?.raw_execute().map(|_| ())
}

#[cfg(test)]
mod tests {
    use crate::db::{Db, DbTarget, PoolOptions};
    use crate::error::ServerError;
    use crate::params;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_failing_job_rolls_back_alone_and_the_others_commit() {
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
                    tx.execute("INSERT INTO t (n) VALUES ($1)", params![n])?;
                    if n % 5 == 0 { Err(ServerError::Invalid(format!("job {n} fails"))) } else { Ok(n) }
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
        assert_eq!(rows[0].int(0).unwrap(), 48, "the jobs that failed left nothing behind");
        assert_eq!(rows[0].int(1).unwrap(), 0);
    }
}
