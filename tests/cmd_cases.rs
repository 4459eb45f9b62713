//! Command cases as files (tests/cmd/*.toml, trycmd): exact stdout, stderr and exit code.
//! Re-bless the expected output after a deliberate change with `NETRIAGE_BLESS=1 cargo test`,
//! like every other expected file.

#[test]
fn cmd_cases() {
    if crate::common::blessing() {
        // trycmd rewrites its files when its own variable says so, and reads it from the process
        // environment: run this test again in a child process that has it.
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["cmd_cases::cmd_cases", "--exact", "--test-threads", "1"])
            .env("TRYCMD", "overwrite")
            .env_remove("NETRIAGE_BLESS")
            .status()
            .unwrap();
        assert!(status.success(), "re-blessing tests/cmd: {status}");
        return;
    }
    trycmd::TestCases::new()
        .register_bin("netriage", std::path::Path::new(crate::common::BIN))
        .case("tests/cmd/*.toml");
}
