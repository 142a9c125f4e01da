//! Yes/no cells, as sellers write them: `yes`, `true`, `1`, `Y`, `x`, `是`, `自营`, `own` —
//! and `no`, `false`, `0`, `N`, `否`, `-`.

/// A flag that is not a yes or a no.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a yes/no value")]
pub struct NotAFlag;

/// Reads a yes/no cell.
pub fn read_flag(s: &str) -> Result<bool, NotAFlag> {
    let t = s.trim().to_lowercase();
    match t.as_str() {
        "yes" | "y" | "true" | "t" | "1" | "x" | "✓" | "✔" | "own" | "mine" | "是" | "有" | "自营" | "对" | "sí"
        | "si" | "sim" | "да" => Ok(true),
        "no" | "n" | "false" | "f" | "0" | "-" | "否" | "无" | "不是" | "não" | "nao" | "нет" => Ok(false),
        _ => Err(NotAFlag),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("Yes", Ok(true))]
    #[case(" TRUE ", Ok(true))]
    #[case("1", Ok(true))]
    #[case("是", Ok(true))]
    #[case("自营", Ok(true))]
    #[case("no", Ok(false))]
    #[case("0", Ok(false))]
    #[case("否", Ok(false))]
    #[case("maybe", Err(NotAFlag))]
    #[case("", Err(NotAFlag))]
    fn reads_yes_and_no_in_several_languages(#[case] cell: &str, #[case] expected: Result<bool, NotAFlag>) {
        assert_eq!(read_flag(cell), expected);
    }
}
