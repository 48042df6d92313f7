//! The JSON renderer: one object per message, an array for several.
//!
//! A batch streams ([`Stream`]): its reports are serialised on the batch's worker cores and the
//! output is byte for byte what [`render`] gives for the whole array.

use crate::report::Report;

/// Serialises reports: a single object for one, an array for several. Each report is dropped as
/// soon as it is written, so a large batch does not hold its reports and their text at once.
pub fn render(reports: Vec<Report>) -> String {
    let value = match reports.len() {
        0 => Ok("[]".to_string()),
        1 => serde_json::to_string_pretty(&reports[0]),
        _ => reports
            .into_iter()
            .map(|r| serde_json::to_string_pretty(&r).map(|s| indent(&s)))
            .collect::<Result<Vec<_>, _>>()
            .map(|parts| format!("[\n{}\n]", parts.join(",\n"))),
    };
    let mut out = value.unwrap_or_else(|e| {
        format!(
            "{{\"schema\":1,\"verdict\":\"input_error\",\"error\":{{\"message\":{:?}}}}}",
            e.to_string()
        )
    });
    out.push('\n');
    out
}

/// JSON written as reports arrive, holding at most one: a single report is printed as an object,
/// several as an array — byte for byte what [`render`] gives for the whole list, so a batch of
/// any size streams in constant memory.
#[derive(Debug, Default)]
pub struct Stream {
    /// The first report's text, until a second one says an array is needed.
    first: Option<String>,
    count: usize,
}

impl Stream {
    /// Writes `r` (or keeps it, if it is the first).
    pub fn push(&mut self, r: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(r).map_err(std::io::Error::other)?;
        self.count += 1;
        match self.count {
            1 => {
                self.first = Some(text);
                Ok(())
            }
            2 => {
                let first = self.first.take().unwrap_or_default();
                write!(w, "[\n{},\n{}", indent(&first), indent(&text))
            }
            _ => write!(w, ",\n{}", indent(&text)),
        }
    }

    /// Closes the array (or prints the one object).
    pub fn finish(self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self.count {
            0 => writeln!(w, "[]"),
            1 => writeln!(w, "{}", self.first.unwrap_or_default()),
            _ => writeln!(w, "\n]"),
        }
    }
}

/// One array element: every line two spaces further in (JSON strings hold no raw newline).
fn indent(object: &str) -> String {
    let mut out = String::with_capacity(object.len() + object.len() / 16);
    for (i, line) in object.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::InputError;

    /// Three reports whose text needs escaping.
    fn samples() -> Vec<Report> {
        ["a\nb", "c \"quoted\"", "d"]
            .iter()
            .map(|m| Report::input_error(m, Vec::new(), &InputError::new(*m)))
            .collect()
    }

    #[test]
    fn the_stream_writes_what_render_writes() {
        let reports = samples();
        for n in 0..=reports.len() {
            let mut s = Stream::default();
            let mut out = Vec::new();
            for r in &reports[..n] {
                s.push(r, &mut out).unwrap();
            }
            s.finish(&mut out).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                render(reports[..n].to_vec())
            );
        }
    }

    #[test]
    fn an_array_is_what_serde_would_write() {
        let reports = samples();
        for n in 0..=reports.len() {
            let slice = &reports[..n];
            let expected = match slice {
                [one] => serde_json::to_string_pretty(one).unwrap(),
                many => serde_json::to_string_pretty(many).unwrap(),
            };
            assert_eq!(
                render(slice.to_vec()),
                format!("{expected}\n"),
                "{n} reports"
            );
        }
    }
}
