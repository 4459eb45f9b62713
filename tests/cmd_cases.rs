//! Command cases as files (tests/cmd/*.toml, trycmd): exact stdout, stderr and exit code.
//! Rewrite the expected output after a deliberate change with `TRYCMD=overwrite cargo test`.

#[test]
fn cmd_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
