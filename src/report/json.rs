//! The JSON renderer: one object per message, an array for several.

use super::Report;

/// Serialises reports: a single object for one, an array for several.
pub fn render(reports: &[Report]) -> String {
    let value = match reports {
        [one] => serde_json::to_string_pretty(one),
        many => serde_json::to_string_pretty(many),
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
