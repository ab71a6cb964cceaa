//! The employer admin's operations, shared by the `admin` CLI and the tests.
//!
//! Each operation is one transaction and returns a report of what it did: the ids
//! and codes a person needs next. [`report`] renders them as sentences or JSON.

mod programs;
pub mod report;

use chrono::{Duration, Utc};
use journeylog_core::signoff;
use journeylog_proto::Role;

pub use programs::import_program;
pub use report::{
    DeviceRevoked, EmployerCreated, EmployerKey, EnrollmentCodeIssued, EpochChanged, KeyRevoked, MentorAssigned,
    ProgramImported, UserAdded,
};

use crate::auth::secrets;
use crate::db::{Db, Tx};
use crate::error::{Result, ServerError};
use crate::store::accounts::{self, User};
use crate::store::employer_keys;
use crate::store::records::{self, RecordKey};
use crate::sync::keys;
use crate::time;

const MAX_NAME_CHARS: usize = 200;
/// Enrollment codes live at most this long: a code is a credential until used.
pub const MAX_CODE_DAYS: u32 = 90;

pub fn create_employer(db: &Db, name: &str) -> Result<EmployerCreated> {
    let name = checked_name("name", name)?;
    let id = secrets::new_id();
    let epoch = secrets::new_epoch();
    let key = db.write(|tx| {
        let now = time::now();
        accounts::insert_employer(tx, &id, &name, &epoch, &now)?;
        employer_keys::ensure(tx, &id, &now)
    })?;
    Ok(EmployerCreated { employer_id: id, name, key_fingerprint: signoff::fingerprint(&key.verifying_key()) })
}

/// The employer's signing key, made now for an employer created before keys were.
pub fn employer_key(db: &Db, employer_id: &str) -> Result<EmployerKey> {
    db.write(|tx| {
        let employer = existing_employer(tx, employer_id)?;
        let key = employer_keys::ensure(tx, employer_id, &time::now())?.verifying_key();
        Ok(EmployerKey {
            employer_id: employer.id,
            employer_name: employer.name,
            key_id: signoff::key_id(&key),
            public_key: hex::encode(key.as_bytes()),
            fingerprint: signoff::fingerprint(&key),
        })
    })
}

pub fn add_user(db: &Db, employer_id: &str, name: &str, role: Role, program_id: Option<&str>) -> Result<UserAdded> {
    let name = checked_name("name", name)?;
    if program_id.is_some() && role != Role::Apprentice {
        return Err(ServerError::Invalid("--program is for apprentices only".into()));
    }
    let user = User {
        id: secrets::new_id(),
        employer_id: employer_id.to_owned(),
        name,
        role,
        program_id: program_id.map(str::to_owned),
    };
    db.write(|tx| {
        existing_employer(tx, employer_id)?;
        if let Some(program) = program_id {
            let key = RecordKey::new(employer_id, journeylog_proto::RecordKind::Program, "", program);
            if records::find(tx, key)?.is_none() {
                return Err(ServerError::Invalid(format!(
                    "employer {employer_id} has no program \"{program}\"; import it first with \
                     `journeylog-server admin import-program --employer {employer_id} --file PATH`"
                )));
            }
        }
        accounts::insert_user(tx, &user, &time::now())
    })?;
    Ok(UserAdded {
        user_id: user.id,
        employer_id: user.employer_id,
        name: user.name,
        role,
        program_id: user.program_id,
    })
}

pub fn assign_mentor(db: &Db, mentor_id: &str, apprentice_id: &str) -> Result<MentorAssigned> {
    db.write(|tx| {
        let mentor = existing_user(tx, mentor_id)?;
        let apprentice = existing_user(tx, apprentice_id)?;
        if mentor.role != Role::Mentor {
            return Err(ServerError::Invalid(format!("user {mentor_id} is a {}, not a mentor", mentor.role.as_str())));
        }
        if apprentice.role != Role::Apprentice {
            return Err(ServerError::Invalid(format!(
                "user {apprentice_id} is a {}, not an apprentice",
                apprentice.role.as_str()
            )));
        }
        if mentor.employer_id != apprentice.employer_id {
            return Err(ServerError::Invalid("the mentor and the apprentice belong to different employers".into()));
        }
        let mut counter = accounts::lock_employer(tx, &mentor.employer_id)?;
        let added = accounts::insert_assignment(tx, mentor_id, apprentice_id, &time::now())?;
        if added {
            keys::publish_assignment(tx, &mut counter, &mentor, &apprentice)?;
        }
        // The mentor's devices may already be past these records' change seqs.
        let restamped = if added {
            let program = apprentice.program_id.as_deref();
            records::restamp_apprentice(tx, &mut counter, &apprentice.employer_id, apprentice_id, program)?
        } else {
            0
        };
        counter.save(tx)?;
        Ok(MentorAssigned {
            mentor_id: mentor.id.clone(),
            mentor_name: mentor.name.clone(),
            apprentice_id: apprentice.id.clone(),
            apprentice_name: apprentice.name.clone(),
            already_assigned: !added,
            records_resent: restamped,
        })
    })
}

pub fn enroll_code(db: &Db, user_id: &str, expires_in_days: u32) -> Result<EnrollmentCodeIssued> {
    if expires_in_days == 0 || expires_in_days > MAX_CODE_DAYS {
        return Err(ServerError::Invalid(format!("--expires-in-days must be from 1 to {MAX_CODE_DAYS}")));
    }
    issue_code(db, user_id, Duration::days(i64::from(expires_in_days)))
}

/// Issues a code valid for `valid_for` (tests use a negative one for an expired code).
pub fn issue_code(db: &Db, user_id: &str, valid_for: Duration) -> Result<EnrollmentCodeIssued> {
    let code = secrets::new_enrollment_code();
    let expires_at = time::format(Utc::now() + valid_for);
    let user = db.write(|tx| {
        let user = existing_user(tx, user_id)?;
        let hash = secrets::hash_secret(&secrets::normalize_code(&code));
        accounts::insert_enrollment_code(tx, &hash, user_id, &expires_at, &time::now())?;
        Ok(user)
    })?;
    Ok(EnrollmentCodeIssued { code, user_id: user.id, user_name: user.name, role: user.role, expires_at })
}

pub fn revoke_device(db: &Db, client_id: &str) -> Result<DeviceRevoked> {
    db.write(|tx| match accounts::revoke_device(tx, client_id, &time::now())? {
        Some(user_id) => Ok(DeviceRevoked { client_id: client_id.to_owned(), user_id }),
        None if accounts::device_exists(tx, client_id)? => {
            Err(ServerError::Invalid(format!("device {client_id} is already revoked")))
        }
        None => Err(ServerError::Invalid(format!("there is no device {client_id}"))),
    })
}

pub fn revoke_key(db: &Db, key_id: &str) -> Result<KeyRevoked> {
    db.write(|tx| match keys::revoke(tx, key_id)? {
        Some(key) => Ok(KeyRevoked {
            key_id: key.key_id,
            mentor_id: key.mentor_id,
            mentor_name: key.mentor_name,
            revoked_at: key.revoked_at.unwrap_or_default(),
        }),
        None => Err(ServerError::Invalid(format!("there is no key {key_id}"))),
    })
}

pub fn new_epoch(db: &Db, employer_id: &str) -> Result<EpochChanged> {
    let epoch = secrets::new_epoch();
    db.write(|tx| {
        existing_employer(tx, employer_id)?;
        accounts::set_epoch(tx, employer_id, &epoch)
    })?;
    Ok(EpochChanged { employer_id: employer_id.to_owned(), epoch })
}

fn existing_employer(tx: &mut dyn Tx, id: &str) -> Result<accounts::Employer> {
    accounts::employer(tx, id)?.ok_or_else(|| ServerError::Invalid(format!("there is no employer {id}")))
}

fn existing_user(tx: &mut dyn Tx, id: &str) -> Result<User> {
    accounts::user(tx, id)?.ok_or_else(|| ServerError::Invalid(format!("there is no user {id}")))
}

fn checked_name(field: &str, name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ServerError::Invalid(format!("--{field} must not be empty")));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(ServerError::Invalid(format!("--{field} is longer than {MAX_NAME_CHARS} characters")));
    }
    Ok(name.to_owned())
}
