//! Where a tool that needs a ClientPassword gets it: `--password PW` (visible to other local
//! users in the process list), `--password-file FILE` (its first line), or the environment
//! variable `CTI_PASSWORD`, in that order of precedence.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// The environment variable a password is read from when no flag gives one.
pub const ENV: &str = "CTI_PASSWORD";

/// The longest password file read: more than any ClientPassword (64 bytes) needs.
const MAX_FILE: u64 = 4096;

/// A password's bytes, kept out of `Debug` output.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Password(pub Vec<u8>);

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Password({} bytes)", self.0.len())
    }
}

impl Password {
    /// The password from the flags, else from `env` (the value of [`ENV`], passed in so tests
    /// need not change the process environment); `None` when none of them gives one.
    pub fn resolve(
        flag: Option<&str>,
        file: Option<&Path>,
        env: Option<Vec<u8>>,
    ) -> Result<Option<Password>, String> {
        if let Some(pw) = flag {
            return Ok(Some(Password(pw.as_bytes().to_vec())));
        }
        if let Some(path) = file {
            return read_first_line(path).map(Some);
        }
        Ok(env.map(Password))
    }

    /// [`Password::resolve`] with the process's own `CTI_PASSWORD`.
    pub fn from_args(flag: Option<&str>, file: Option<&Path>) -> Result<Option<Password>, String> {
        Self::resolve(flag, file, env_password())
    }
}

/// The value of `CTI_PASSWORD`, as bytes.
pub fn env_password() -> Option<Vec<u8>> {
    let v = std::env::var_os(ENV)?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(v.into_vec())
    }
    #[cfg(not(unix))]
    {
        Some(v.to_string_lossy().into_owned().into_bytes())
    }
}

/// The first line of `path`, without its line ending (`\n` or `\r\n`).
fn read_first_line(path: &Path) -> Result<Password, String> {
    let mut text = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE).read_to_end(&mut text))
        .map_err(|e| format!("--password-file {}: {e}", path.display()))?;
    let line = text.split(|&b| b == b'\n').next().unwrap_or_default();
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    Ok(Password(line.to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(contents: &[u8]) -> std::path::PathBuf {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "cti-tools-password-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, contents).unwrap();
        path
    }

    #[test]
    fn flag_then_file_then_environment() {
        let file = file_with(b"from-file\n");
        let env = || Some(b"from-env".to_vec());
        let got = |flag, file: Option<&Path>, env| Password::resolve(flag, file, env).unwrap();
        assert_eq!(
            got(Some("flag"), Some(&file), env()),
            Some(Password(b"flag".to_vec()))
        );
        assert_eq!(
            got(None, Some(&file), env()),
            Some(Password(b"from-file".to_vec()))
        );
        assert_eq!(got(None, None, env()), Some(Password(b"from-env".to_vec())));
        assert_eq!(got(None, None, None), None);
        std::fs::remove_file(file).unwrap();
    }

    #[test]
    fn a_file_gives_its_first_line_without_the_line_ending() {
        for (contents, want) in [
            (&b"s3cret\n"[..], &b"s3cret"[..]),
            (b"s3cret\r\nsecond line\n", b"s3cret"),
            (b"no newline", b"no newline"),
            (b" spaces kept \n", b" spaces kept "),
            (b"\n", b""),
            (b"", b""),
        ] {
            let file = file_with(contents);
            let pw = Password::resolve(None, Some(&file), None).unwrap();
            assert_eq!(pw, Some(Password(want.to_vec())), "{contents:?}");
            std::fs::remove_file(file).unwrap();
        }
    }

    #[test]
    fn a_missing_file_is_an_error_naming_it() {
        let err = Password::resolve(None, Some(Path::new("/nonexistent/pw")), None).unwrap_err();
        assert!(err.contains("/nonexistent/pw"), "{err}");
    }

    #[test]
    fn debug_hides_the_bytes() {
        let shown = format!("{:?}", Password(b"s3cret".to_vec()));
        assert!(!shown.contains("s3cret"), "{shown}");
    }
}
