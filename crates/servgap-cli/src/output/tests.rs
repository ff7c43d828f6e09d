#![allow(clippy::unwrap_used)]

use std::os::unix::fs::{FileTypeExt as _, PermissionsExt as _};
use std::path::Path;

use super::*;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn error_of(path: Option<&Path>, inputs: &[&Path]) -> String {
    format!("{:#}", Destination::new(path, inputs).unwrap_err())
}

#[test]
fn no_path_and_dash_mean_standard_output() {
    assert_eq!(Destination::new(None, &[]).unwrap(), Destination::Stdout);
    assert_eq!(Destination::new(Some(Path::new("-")), &[]).unwrap(), Destination::Stdout);
}

#[test]
fn issue_16_new_file_honours_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    // A file created the ordinary way shows what the umask allows.
    let reference = dir.path().join("reference");
    std::fs::File::create(&reference).unwrap();
    let report = dir.path().join("report.txt");
    write_output(Some(&report), "hello\n").unwrap();
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "hello\n");
    assert_eq!(mode(&report), mode(&reference));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 2, "no temporary file is left behind");
}

#[test]
fn replacing_a_file_keeps_its_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    std::fs::write(&report, "old").unwrap();
    std::fs::set_permissions(&report, Permissions::from_mode(0o640)).unwrap();
    write_output(Some(&report), "new").unwrap();
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "new");
    assert_eq!(mode(&report), 0o640);
}

#[test]
fn issue_11_read_only_destination_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    std::fs::write(&report, "keep me").unwrap();
    std::fs::set_permissions(&report, Permissions::from_mode(0o444)).unwrap();
    let message = format!("{:#}", write_output(Some(&report), "new").unwrap_err());
    assert!(message.contains("is read-only"), "{message}");
    assert!(message.contains(&report.display().to_string()), "{message}");
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "keep me");
}

#[test]
fn issue_11_output_onto_the_input_is_refused_by_any_name() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("survey.csv");
    std::fs::write(&input, "E1,P1\n5,4\n").unwrap();
    std::fs::create_dir(dir.path().join("x")).unwrap();
    let detour = dir.path().join("x/../survey.csv");
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    let hard = dir.path().join("hard.csv");
    std::fs::hard_link(&input, &hard).unwrap();
    for name in [&input, &detour, &link, &hard] {
        let message = error_of(Some(name), &[&input]);
        assert!(message.contains("is the input file"), "{}: {message}", name.display());
    }
    assert_eq!(std::fs::read_to_string(&input).unwrap(), "E1,P1\n5,4\n");
}

#[test]
fn issue_11_symlink_is_followed_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.txt");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    write_output(Some(&link), "new").unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
}

#[test]
fn dangling_symlink_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(dir.path().join("missing"), &link).unwrap();
    let message = error_of(Some(&link), &[]);
    assert!(message.contains("symbolic link to a missing file"), "{message}");
}

#[test]
fn folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let message = error_of(Some(dir.path()), &[]);
    assert!(message.contains("is a folder"), "{message}");
}

#[test]
fn issue_16_dev_null_is_classified_as_a_device_to_write_in_place() {
    // Inspection only: a test never writes to the system's /dev/null.
    let null = Path::new("/dev/null");
    assert_eq!(Destination::new(Some(null), &[]).unwrap(), Destination::InPlace { path: null.to_owned() });
}

#[test]
fn issue_16_a_character_device_is_written_in_place_and_stays_a_device() {
    // A null device of our own in a temporary folder (mknod needs root, as in CI);
    // without root the FIFO test below covers the same in-place write.
    let dir = tempfile::tempdir().unwrap();
    let device = dir.path().join("null");
    let made = std::process::Command::new("mknod").arg(&device).args(["c", "1", "3"]).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("not run: mknod needs root");
        return;
    }
    write_output(Some(&device), "discarded\n").unwrap();
    assert!(std::fs::symlink_metadata(&device).unwrap().file_type().is_char_device());
}

#[test]
fn issue_16_fifo_is_written_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo (coreutils) is needed for this test");
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    write_output(Some(&fifo), "through the pipe\n").unwrap();
    assert_eq!(reader.join().unwrap(), "through the pipe\n");
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}
