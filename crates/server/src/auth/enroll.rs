//! `POST /v1/enroll`: a one-time code becomes a device and its token.

use journeylog_proto::{EnrollRequest, EnrollResponse, codes};

use super::secrets;
use crate::db::Tx;
use crate::error::{Result, ServerError};
use crate::store::accounts;
use crate::time;

const MAX_DEVICE_NAME_CHARS: usize = 100;

/// Redeems the code (once, before it expires) and registers a new device for its user.
/// The token in the answer is the only copy there will ever be.
pub fn enroll(tx: &mut dyn Tx, request: &EnrollRequest) -> Result<EnrollResponse> {
    let device_name = request.device_name.trim();
    if device_name.is_empty() {
        return Err(ServerError::bad_request(codes::INVALID_BODY, "device_name is required, e.g. \"Dana's laptop\""));
    }
    if device_name.chars().count() > MAX_DEVICE_NAME_CHARS {
        return Err(ServerError::bad_request(
            codes::INVALID_BODY,
            format!("device_name is longer than {MAX_DEVICE_NAME_CHARS} characters"),
        ));
    }
    let now = time::now();
    let code_hash = secrets::hash_secret(&secrets::normalize_code(&request.code));
    let user_id = accounts::redeem_enrollment_code(tx, &code_hash, &now)?.ok_or_else(|| {
        ServerError::bad_request(
            codes::ENROLLMENT_CODE_INVALID,
            "the enrollment code is unknown, already used or expired; ask your employer's admin for a new one",
        )
    })?;
    let user =
        accounts::user(tx, &user_id)?.ok_or_else(|| ServerError::corrupt("enrollment code of a missing user"))?;
    let employer =
        accounts::employer(tx, &user.employer_id)?.ok_or_else(|| ServerError::corrupt("user of a missing employer"))?;
    let client_id = secrets::new_id();
    let token = secrets::new_token();
    accounts::insert_device(tx, &client_id, &user.id, device_name, &secrets::hash_secret(&token), &now)?;
    tracing::info!(client_id = %client_id, user_id = %user.id, "device enrolled");
    Ok(EnrollResponse {
        token,
        client_id,
        employer_id: employer.id,
        employer_name: employer.name,
        user_id: user.id,
        user_name: user.name,
        role: user.role,
        program_id: user.program_id,
    })
}
