//! Where the device token lives: the OS keychain, or a 0600 file when none runs.
//!
//! The token lets anyone write this apprentice's records on the employer's server,
//! so it stays out of the logbook database (which gets copied, backed up and
//! attached to support tickets) and out of every log line. [`DeviceToken`] has no
//! `Display` and a redacting `Debug`; the only way to its bytes is [`DeviceToken::bearer`].
//!
//! Headless Linux machines, CI runners and minimal desktops often have no Secret
//! Service. Rather than refuse to sync there, the token falls back to a file only
//! its owner can read, and the status shows which store is in use.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{CoreError, Result};

const SERVICE: &str = "org.journeylog.app";
const TOKEN_FILE: &str = "device-token";
/// A mentor device's Ed25519 private key, under the same rule as the token.
const SIGNING_KEY_FILE: &str = "mentor-signing-key";

/// Set to `file` to skip the keychain (for machines whose keychain prompts or hangs).
pub const TOKEN_STORE_ENV: &str = "JOURNEYLOG_TOKEN_STORE";

/// A bearer token for the employer API.
#[derive(Clone, PartialEq, Eq)]
pub struct DeviceToken(String);

impl DeviceToken {
    pub fn new(token: String) -> DeviceToken {
        DeviceToken(token)
    }

    /// The secret itself, for the signing key kept in a vault like a token.
    pub(crate) fn secret(&self) -> &str {
        &self.0
    }

    /// The `Authorization` header value.
    pub fn bearer(&self) -> String {
        format!("Bearer {}", self.0)
    }
}

impl std::fmt::Debug for DeviceToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeviceToken(<redacted>)")
    }
}

/// Which store holds the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenStore {
    Keychain,
    File,
}

impl TokenStore {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenStore::Keychain => "keychain",
            TokenStore::File => "file",
        }
    }
}

/// The token store of one logbook.
#[derive(Debug, Clone)]
pub struct TokenVault {
    /// The data folder; the fallback file is `<stem>.<client id>` in it, so two
    /// logbooks in one folder (an apprentice's and a mentor's) never share one.
    dir: PathBuf,
    stem: &'static str,
    use_keychain: bool,
    /// The keychain account is `<prefix><client id>`.
    account_prefix: &'static str,
}

impl TokenVault {
    /// The vault for the logbook whose files live in `data_dir`.
    pub fn for_data_dir(data_dir: &Path) -> TokenVault {
        let use_keychain = std::env::var(TOKEN_STORE_ENV).map(|v| v != "file").unwrap_or(true);
        TokenVault { dir: data_dir.to_path_buf(), stem: TOKEN_FILE, use_keychain, account_prefix: "device:" }
    }

    /// The vault of a mentor device's private signing key (hex), beside the token's.
    pub fn for_signing_key(data_dir: &Path) -> TokenVault {
        TokenVault { stem: SIGNING_KEY_FILE, account_prefix: "signing-key:", ..Self::for_data_dir(data_dir) }
    }

    /// Keeps `token` for `client_id`, in the keychain when one answers.
    pub fn store(&self, client_id: &str, token: &DeviceToken) -> Result<TokenStore> {
        if self.use_keychain && self.entry(client_id).and_then(|e| e.set_password(&token.0)).is_ok() {
            // A stale file from an earlier fallback must not outlive the keychain copy.
            self.remove_file(client_id)?;
            return Ok(TokenStore::Keychain);
        }
        self.write_file(client_id, token)?;
        Ok(TokenStore::File)
    }

    /// The token for `client_id`, from whichever store holds it.
    pub fn load(&self, client_id: &str) -> Result<(DeviceToken, TokenStore)> {
        if self.use_keychain
            && let Ok(secret) = self.entry(client_id).and_then(|e| e.get_password())
        {
            return Ok((DeviceToken(secret), TokenStore::Keychain));
        }
        let file = self.file(client_id);
        // Before 0.2 the file had no client id in its name; read it if that is all there is.
        let read = fs::read_to_string(&file).or_else(|e| match e.kind() {
            std::io::ErrorKind::NotFound => fs::read_to_string(self.dir.join(self.stem)),
            _ => Err(e),
        });
        match read {
            Ok(text) => Ok((DeviceToken(text.trim().to_owned()), TokenStore::File)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(CoreError::invalid(
                "token",
                "this device's sign-in to the employer server is missing (not in the keychain nor in the \
                 token file); connect again with a new enrollment code",
            )),
            Err(e) => Err(CoreError::io(format!("reading {}", file.display()), e)),
        }
    }

    /// Forgets the token in every store.
    pub fn forget(&self, client_id: &str) -> Result<()> {
        if self.use_keychain
            && let Ok(entry) = self.entry(client_id)
        {
            // Missing is fine: forgetting is idempotent.
            let _ = entry.delete_credential();
        }
        self.remove_file(client_id)
    }

    fn file(&self, client_id: &str) -> PathBuf {
        self.dir.join(format!("{}.{client_id}", self.stem))
    }

    fn write_file(&self, client_id: &str, token: &DeviceToken) -> Result<()> {
        let path = self.file(client_id);
        let context = || format!("writing {}", path.display());
        let tmp = self.dir.join(format!("{}.{client_id}.tmp", self.stem));
        let mut options = OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&tmp).map_err(|e| CoreError::io(context(), e))?;
        #[cfg(unix)]
        {
            // `mode` only applies on creation; a leftover file keeps its old bits.
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(fs::Permissions::from_mode(0o600)).map_err(|e| CoreError::io(context(), e))?;
        }
        file.write_all(token.0.as_bytes()).map_err(|e| CoreError::io(context(), e))?;
        file.sync_all().map_err(|e| CoreError::io(context(), e))?;
        fs::rename(&tmp, &path).map_err(|e| CoreError::io(context(), e))
    }

    fn remove_file(&self, client_id: &str) -> Result<()> {
        for path in [self.file(client_id), self.dir.join(self.stem)] {
            match fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(CoreError::io(format!("removing {}", path.display()), e));
                }
                _ => {}
            }
        }
        Ok(())
    }
}

impl TokenVault {
    fn entry(&self, client_id: &str) -> keyring::Result<keyring::Entry> {
        keyring::Entry::new(SERVICE, &format!("{}{client_id}", self.account_prefix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_vault(dir: &Path) -> TokenVault {
        TokenVault { dir: dir.to_path_buf(), stem: TOKEN_FILE, use_keychain: false, account_prefix: "device:" }
    }

    #[test]
    fn the_file_fallback_is_private_to_its_owner() {
        let dir = tempfile::tempdir().unwrap();
        let vault = file_vault(dir.path());
        let token = DeviceToken::new("jl_abc".into());
        assert_eq!(vault.store("c1", &token).unwrap(), TokenStore::File);
        let (loaded, store) = vault.load("c1").unwrap();
        assert_eq!((loaded, store), (token.clone(), TokenStore::File));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join("device-token.c1")).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // A second logbook in the same folder keeps its own file.
        let other = DeviceToken::new("jl_other".into());
        vault.store("c2", &other).unwrap();
        assert_eq!(vault.load("c1").unwrap().0, token);
        assert_eq!(vault.load("c2").unwrap().0, other);
        vault.forget("c1").unwrap();
        assert_eq!(vault.load("c1").unwrap_err().code(), "invalid_input");
        assert_eq!(vault.load("c2").unwrap().0, other);
    }

    #[test]
    fn debug_never_shows_the_token() {
        let shown = format!("{:?}", DeviceToken::new("jl_secret".into()));
        assert!(!shown.contains("secret"));
    }
}
