//! The one way rhythm writes a file the user keeps (minutes, exports,
//! decision records, CSV, backups): into a temporary file in the same
//! folder, readable by its owner only (0600, like the database: these files
//! hold the same numbers and decisions), flushed to disk, then renamed into
//! place. A failed write never leaves half a file where a good one was, and
//! a file is never readable by others, not even for a moment. And every
//! write passes a [`Guard`]: no export, backup or minutes ever replaces the
//! database, its companions or another rhythm database.
//!
//! Imports neither rusqlite nor ratatui: storage, the CLI and the screen all
//! use it.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

mod guard;

pub use guard::Guard;

/// Whether a file already at the target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    Yes,
    /// Refuse with `ErrorKind::AlreadyExists`: the file is someone else's.
    No,
}

/// A file being written: bytes go to a hidden temporary file beside the
/// target, which `commit` puts in place. Dropped without `commit`, the
/// temporary file is removed and the target is untouched.
#[derive(Debug)]
pub struct PrivateFile {
    file: Option<File>,
    tmp: PathBuf,
    target: PathBuf,
    guard: Guard,
}

impl PrivateFile {
    /// Starts writing `target`, refusing a folder there and whatever `guard`
    /// keeps. A symbolic link is followed: the file it points to is
    /// written, and the link stays. A target that is not a regular file (a
    /// FIFO, a device such as `/dev/null`, a shell's `>(…)`) is written in
    /// place: renaming over it would replace the device or starve the
    /// reader.
    pub fn create(target: &Path, guard: &Guard) -> io::Result<PrivateFile> {
        // Asked through the name as given: `/dev/fd/63` is a link only the
        // kernel can follow.
        if is_special(target) {
            guard.check(target)?;
            let file = OpenOptions::new().write(true).open(target)?;
            return Ok(PrivateFile {
                file: Some(file),
                tmp: PathBuf::new(),
                target: target.to_path_buf(),
                guard: guard.clone(),
            });
        }
        let target = &followed(target)?;
        if target.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "it is a folder",
            ));
        }
        guard.check(target)?;
        let tmp = temp_beside(target)?;
        let file = create_private(&tmp)?;
        Ok(PrivateFile {
            file: Some(file),
            tmp,
            target: target.clone(),
            guard: guard.clone(),
        })
    }

    /// The temporary file, for a writer that must open it by name (SQLite's
    /// online backup fills an empty file it is given).
    pub fn temp_path(&self) -> &Path {
        &self.tmp
    }

    /// Flushes the bytes to disk and moves them into place.
    pub fn commit(mut self, replace: Replace) -> io::Result<()> {
        if self.is_direct() {
            // A device or pipe: the bytes have gone; nothing to move.
            return self.file.take().map_or(Ok(()), |mut f| f.flush());
        }
        let file = match self.file.take() {
            Some(f) => f,
            None => File::open(&self.tmp)?,
        };
        // Whatever wrote the file by name may have set its own mode.
        set_private(&file)?;
        file.sync_all()?;
        drop(file);
        // Asked again at the last moment: the name may have been pointed at
        // the database while the bytes were being written.
        self.guard.check(&self.target)?;
        match replace {
            Replace::Yes => std::fs::rename(&self.tmp, &self.target)?,
            Replace::No => place_new(&self.tmp, &self.target)?,
        }
        sync_folder(&self.target);
        Ok(())
    }
}

impl PrivateFile {
    /// Written in place (a target that is not a regular file).
    fn is_direct(&self) -> bool {
        self.tmp.as_os_str().is_empty()
    }
}

impl Write for PrivateFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("the file is already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for PrivateFile {
    fn drop(&mut self) {
        // After a commit the temporary name is gone (renamed or removed);
        // before one, it is ours to clean up.
        if !self.is_direct() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `bytes` to `path` in one step (see the module header).
pub fn write_private(path: &Path, bytes: &[u8], replace: Replace, guard: &Guard) -> io::Result<()> {
    let mut file = PrivateFile::create(path, guard)?;
    file.write_all(bytes)?;
    file.commit(replace)
}

/// Creates the folder `dir` and any missing parents, readable by their
/// owner only (0700), like the files written into them.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// The file `target` names once every symbolic link on it is followed; a
/// link to a file not there yet names where that file will be.
fn followed(target: &Path) -> io::Result<PathBuf> {
    let mut path = target.to_path_buf();
    // As many links as the kernel follows before it gives up.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        "it is a chain of links that never ends",
    ))
}

/// Whether `path` is there and is neither a regular file nor a folder: a
/// FIFO, a device or a socket, which take bytes but cannot be replaced.
fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// A hidden name in the target's folder, free at the moment of asking.
fn temp_beside(target: &Path) -> io::Result<PathBuf> {
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "it is not a file name"))?;
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok(dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    )))
}

fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    // A leftover file of the same name keeps its old mode: set it.
    set_private(&file)?;
    Ok(file)
}

fn set_private(file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// Moves `tmp` to `target` only when nothing is there: a hard link fails if
/// the target exists, so two writers cannot both think they placed it.
fn place_new(tmp: &Path, target: &Path) -> io::Result<()> {
    match std::fs::hard_link(tmp, target) {
        Ok(()) => std::fs::remove_file(tmp),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        // A file system without hard links: check, then rename.
        Err(_) if target.exists() => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "it already exists",
        )),
        Err(_) => std::fs::rename(tmp, target),
    }
}

/// Makes the rename itself survive a power cut, where the platform can.
fn sync_folder(target: &Path) {
    #[cfg(unix)]
    if let Some(dir) = target.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = target;
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    /// A guard with no database, that takes no file for a rhythm one.
    pub(super) fn free() -> Guard {
        Guard::new(None, |_| false)
    }

    #[test]
    fn a_file_is_written_whole_private_and_nothing_is_left_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("minutes.md");
        write_private(&path, b"first", Replace::No, &free()).unwrap();
        write_private(&path, b"second", Replace::Yes, &free()).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_file_that_is_there_is_kept_when_it_may_not_be_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("theirs.md");
        std::fs::write(&path, "theirs").unwrap();
        let err = write_private(&path, b"ours", Replace::No, &free()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theirs");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_unfinished_file_leaves_the_old_one_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        std::fs::write(&path, "good").unwrap();
        {
            let mut f = PrivateFile::create(&path, &free()).unwrap();
            f.write_all(b"half").unwrap();
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "good");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(PrivateFile::create(dir.path(), &free()).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_and_a_pipe_or_device_written_in_place() {
        let dir = tempfile::tempdir().unwrap();
        // A link: the file it points to gets the bytes, the link stays.
        std::fs::create_dir(dir.path().join("www")).unwrap();
        let page = dir.path().join("www/report.html");
        std::fs::write(&page, "old").unwrap();
        let link = dir.path().join("report.html");
        std::os::unix::fs::symlink("www/report.html", &link).unwrap();
        write_private(&link, b"new", Replace::Yes, &free()).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&page).unwrap(), b"new");
        // A device takes the bytes and stays a device.
        write_private(Path::new("/dev/null"), b"gone", Replace::Yes, &free()).unwrap();
        let null = std::fs::metadata("/dev/null").unwrap();
        assert!(!null.is_file(), "/dev/null was replaced by a file");
        // A FIFO: its reader gets the bytes.
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let reader = {
                let fifo = fifo.clone();
                std::thread::spawn(move || std::fs::read(fifo).unwrap())
            };
            write_private(&fifo, b"through", Replace::Yes, &free()).unwrap();
            assert_eq!(reader.join().unwrap(), b"through");
            assert!(!std::fs::metadata(&fifo).unwrap().is_file());
        }
        // Nothing was left beside them.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
    }
}
