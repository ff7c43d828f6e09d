//! `-o` as a user writes it: never onto an input, never over a device.

use std::process::{Command, Output};

use crate::repo;

fn servgap(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_servgap")).args(args).current_dir(repo()).output().unwrap()
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

/// Copies a demo file into a fresh folder, so the test can try to overwrite it.
fn copy_into(dir: &std::path::Path, file: &str) -> std::path::PathBuf {
    let target = dir.join(std::path::Path::new(file).file_name().unwrap());
    std::fs::copy(repo().join(file), &target).unwrap();
    target
}

#[test]
fn issue_11_output_onto_the_input_is_refused_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let survey = copy_into(dir.path(), "examples/demo/servqual22-demo.csv");
    let wave2 = copy_into(dir.path(), "examples/demo/servqual22-wave2-demo.csv");
    let tickets = copy_into(dir.path(), "examples/kpi/demo-tickets.csv");
    let calendar = copy_into(dir.path(), "examples/kpi/calendar.toml");
    std::fs::create_dir(dir.path().join("x")).unwrap();
    let detour = dir.path().join("x/../servqual22-demo.csv");
    let cases: Vec<(Vec<&std::ffi::OsStr>, &std::path::Path)> = vec![
        (vec![os("analyze"), survey.as_os_str(), os("-o"), survey.as_os_str()], &survey),
        (vec![os("analyze"), survey.as_os_str(), os("-o"), detour.as_os_str()], &survey),
        (vec![os("compare"), survey.as_os_str(), wave2.as_os_str(), os("-o"), wave2.as_os_str()], &wave2),
        (vec![os("kpi"), tickets.as_os_str(), os("-o"), tickets.as_os_str()], &tickets),
        (
            vec![
                os("kpi"),
                tickets.as_os_str(),
                os("--calendar"),
                calendar.as_os_str(),
                os("-o"),
                calendar.as_os_str(),
            ],
            &calendar,
        ),
    ];
    for (args, victim) in cases {
        let before = std::fs::read(victim).unwrap();
        let out = servgap(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("is the input file"), "{args:?}: {stderr}");
        assert_eq!(std::fs::read(victim).unwrap(), before, "{args:?} changed its input");
    }
}

#[test]
fn issue_16_dash_means_standard_output_and_a_fifo_is_written_in_place() {
    let demo = os("examples/demo/servqual22-demo.csv");
    let out = servgap(&[os("analyze"), demo, os("-f"), os("json"), os("-o"), os("-")]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"schema\""));
    assert!(!repo().join("-").exists(), "`-o -` must not create a file named -");

    // A named pipe stands for every special file: the same in-place write as /dev/null,
    // which a test must never risk replacing.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = servgap(&[os("analyze"), demo, os("-o"), fifo.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(reader.join().unwrap().contains("Dimensions"));
    use std::os::unix::fs::FileTypeExt as _;
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}
