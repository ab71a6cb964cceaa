//! Identifiers that stay the same from one export to the next.
//!
//! An LRS keeps every statement forever and refuses a second one under an id it
//! already holds with other content, so every id here is computed from the record
//! it describes, never drawn at random: exporting twice sends the same ids, and an
//! LRS that already has them stores nothing new. Where a record's content may have
//! changed since an earlier export (a returned entry fixed and submitted again, an
//! amendment, an edited certification), the statement gets a new id named after
//! the version the new content starts at, and the old statement is voided
//! (docs/xapi.md, "Statement ids").

use sha2::{Digest, Sha256};

/// Journeylog's own IRIs: verbs, activity types and extensions that no registry
/// defines. `.invalid` is reserved (RFC 2606), so they never resolve to someone
/// else's page; they are identifiers, documented in docs/xapi.md.
pub const NS: &str = "https://journeylog.invalid/xapi";

/// Registered verbs where one fits, Journeylog's where none does.
pub mod verbs {
    pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
    pub const ATTENDED: &str = "http://adlnet.gov/expapi/verbs/attended";
    pub const EARNED: &str = "http://id.tincanapi.com/verb/earned";
    pub const APPROVED: &str = "http://activitystrea.ms/schema/1.0/approve";
    pub const RETURNED: &str = "https://journeylog.invalid/xapi/verbs/returned";
    pub const VOIDED: &str = "http://adlnet.gov/expapi/verbs/voided";
}

pub mod activity_types {
    pub const PROGRAM: &str = "https://journeylog.invalid/xapi/activities/program";
    pub const WORK_PROCESS: &str = "https://journeylog.invalid/xapi/activities/work-process";
    pub const OJL_SESSION: &str = "https://journeylog.invalid/xapi/activities/ojl-session";
    pub const COURSE: &str = "http://adlnet.gov/expapi/activities/course";
    pub const COURSEWORK_SESSION: &str = "https://journeylog.invalid/xapi/activities/coursework-session";
    pub const CREDENTIAL: &str = "https://journeylog.invalid/xapi/activities/credential";
    pub const REVIEW_PERIOD: &str = "https://journeylog.invalid/xapi/activities/review-period";
    pub const MILESTONE: &str = "https://journeylog.invalid/xapi/activities/milestone";
    pub const COMPETENCY: &str = "https://journeylog.invalid/xapi/activities/competency";
}

/// `{NS}/extensions/{name}`.
pub fn extension(name: &str) -> String {
    format!("{NS}/extensions/{name}")
}

/// A name-based UUID (version 8, RFC 9562 §5.8) from the SHA-256 of `name`.
pub fn derived(name: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"journeylog-xapi-v1\n");
    hasher.update(name.as_bytes());
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid().to_string()
}

/// The id of the statement for a record's content that starts at `start_version`:
/// the record's own id for its first content, a derived id for each later one.
pub fn record_statement(record_id: &str, start_version: u32) -> String {
    if start_version <= 1 {
        record_id.to_owned()
    } else {
        derived(&format!("record:{record_id}:from-version:{start_version}"))
    }
}

/// The id of the statement that voids `target`.
pub fn voiding(target: &str) -> String {
    derived(&format!("void:{target}"))
}

/// A value made safe as one IRI path segment (RFC 3986 unreserved characters pass).
pub fn segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_stable_version_8_uuids() {
        let a = derived("record:x:from-version:3");
        assert_eq!(a, derived("record:x:from-version:3"));
        assert_ne!(a, derived("record:x:from-version:4"));
        let parsed = uuid::Uuid::parse_str(&a).expect("a UUID");
        assert_eq!(parsed.get_version_num(), 8);
        assert_eq!(parsed.get_variant(), uuid::Variant::RFC4122);
    }

    #[test]
    fn a_first_content_keeps_the_record_id() {
        let id = "01890a5d-ac96-774b-bcce-b302099a8057";
        assert_eq!(record_statement(id, 1), id);
        assert_ne!(record_statement(id, 3), id);
        assert_ne!(voiding(id), id);
    }

    #[test]
    fn segments_escape_everything_but_unreserved() {
        assert_eq!(segment("WP1"), "WP1");
        assert_eq!(segment("A.1 b/c"), "A.1%20b%2Fc");
        assert_eq!(segment("é"), "%C3%A9");
    }
}
