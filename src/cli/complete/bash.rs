//! Bash as clap_complete registers it, with one difference: a value is
//! written escaped, as bash's own file-name completion writes it. Bash puts
//! a candidate on the line as it is given, so a measure named `Net revenue
//! retention` would otherwise become three words.

use std::ffi::OsString;
use std::io::Write;
use std::path::Path;

use clap_complete::env::EnvCompleter;

pub struct Bash;

impl EnvCompleter for Bash {
    fn name(&self) -> &'static str {
        "bash"
    }

    fn is(&self, name: &str) -> bool {
        name == "bash"
    }

    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        clap_complete::env::Bash.write_registration(var, name, bin, completer, buf)
    }

    /// As clap_complete's own: the index of the word and the separator
    /// come from the variables its registration script sets.
    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        args: Vec<OsString>,
        current_dir: Option<&Path>,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        let index: usize = std::env::var("_CLAP_COMPLETE_INDEX")
            .ok()
            .and_then(|i| i.parse().ok())
            .unwrap_or_default();
        let ifs = std::env::var("_CLAP_IFS").unwrap_or_else(|_| "\n".into());
        let candidates = clap_complete::engine::complete(cmd, args, index, current_dir)?;
        for (i, candidate) in candidates.iter().enumerate() {
            if i != 0 {
                write!(buf, "{ifs}")?;
            }
            write!(buf, "{}", escaped(&candidate.get_value().to_string_lossy()))?;
        }
        Ok(())
    }
}

/// `value` as one word for bash: a backslash before each character the
/// shell would read as something other than itself.
fn escaped(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if !(c.is_alphanumeric() || "_-./,:@+=%^".contains(c)) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escaped;

    #[test]
    fn a_value_is_one_word_for_bash() {
        assert_eq!(escaped("--kind"), "--kind");
        assert_eq!(escaped("Net revenue retention"), r"Net\ revenue\ retention");
        assert_eq!(escaped("Ana's $ & (x)"), r"Ana\'s\ \$\ \&\ \(x\)");
        assert_eq!(escaped("Café"), "Café");
    }
}
