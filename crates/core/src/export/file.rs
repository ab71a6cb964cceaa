//! Saving an export. Every format goes through here, so none can leave a
//! half-written file under the name the user chose: the bytes go to a temporary file
//! in the same folder, are synced, and only then renamed over the target. An earlier
//! file at that name stays whole until the new one is.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{CoreError, Result};

/// Writes what `body` produces to `out`, atomically.
pub(crate) fn save(out: &Path, body: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    if out.is_dir() {
        return Err(CoreError::invalid("out_path", format!("{} is a folder; choose a file name", out.display())));
    }
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp =
        tempfile::Builder::new().prefix(".journeylog-export-").suffix(".tmp").tempfile_in(&dir).map_err(|source| {
            CoreError::Io { context: format!("can't write in the folder {}", dir.display()), source }
        })?;
    let failed = write_error(out);
    let mut writer = BufWriter::new(tmp);
    body(&mut writer)?;
    let tmp = writer.into_inner().map_err(|e| failed(e.into_error()))?;
    tmp.as_file().sync_all().map_err(failed)?;
    tmp.persist(out)
        .map_err(|e| CoreError::Io { context: format!("can't save {}", out.display()), source: e.error })?;
    Ok(())
}

/// Writes `bytes` to `out`, atomically.
pub(crate) fn save_bytes(out: &Path, bytes: &[u8]) -> Result<()> {
    save(out, |w| {
        w.write_all(bytes).map_err(|source| CoreError::Io { context: format!("can't write {}", out.display()), source })
    })
}

/// Writes `value` to `out` as pretty-printed JSON (a person may read it), atomically.
pub(crate) fn save_json<T: serde::Serialize>(out: &Path, value: &T) -> Result<()> {
    let mut json = serde_json::to_vec_pretty(value)
        .map_err(|e| CoreError::Internal(format!("an export did not serialise: {e}")))?;
    json.push(b'\n');
    save_bytes(out, &json)
}

/// The error of a failed write to `out`, naming the file.
pub(crate) fn write_error(out: &Path) -> impl Fn(std::io::Error) -> CoreError + '_ {
    move |source| CoreError::Io { context: format!("can't write {}", out.display()), source }
}
