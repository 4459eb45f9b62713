//! The README's `console` examples run as they are written (trycmd): a README that drifts from
//! the program fails here.

#[test]
fn readme_examples() {
    trycmd::TestCases::new().case("README.md");
}
