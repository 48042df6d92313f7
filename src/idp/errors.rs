//! Error pages and redirects that IdPs show instead of a Response (Entra's AADSTS codes,
//! Google's `app_not_configured_for_user`, Okta's assignment page): recognised from the table in
//! `data/idp-errors.tsv`, each with its meaning and the fix in the product's console terms.

/// One recognised error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdpError {
    pub product: &'static str,
    pub needle: &'static str,
    pub code: &'static str,
    pub meaning: &'static str,
    pub fix: &'static str,
    pub sample: &'static str,
}

const TABLE: &str = include_str!("../../data/idp-errors.tsv");

/// Every row of the table.
pub fn all() -> Vec<IdpError> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let f: Vec<&'static str> = l.split('\t').collect();
            (f.len() == 6).then(|| IdpError {
                product: f[0],
                needle: f[1],
                code: f[2],
                meaning: f[3],
                fix: f[4],
                sample: f[5],
            })
        })
        .collect()
}

/// The first known error whose identifying text occurs in `evidence` (case-insensitive).
pub fn recognise(evidence: &str) -> Option<IdpError> {
    let lower = evidence.to_ascii_lowercase();
    all()
        .into_iter()
        .find(|e| lower.contains(&e.needle.to_ascii_lowercase()))
}

/// An Entra `AADSTS` code in text that the table does not list (the code is still the answer).
pub fn aadsts(evidence: &str) -> Option<String> {
    let at = evidence.find("AADSTS")?;
    let digits: String = evidence[at + 6..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (digits.len() >= 5).then(|| format!("AADSTS{digits}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_well_formed_and_its_sample_is_recognised_as_itself() {
        let rows = all();
        let data_lines = TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(
            rows.len(),
            data_lines,
            "a row does not have 6 tab-separated fields"
        );
        assert!(rows.len() >= 10);
        for row in &rows {
            let got = recognise(&format!("<html><body>{}</body></html>", row.sample));
            assert_eq!(got.map(|g| g.code), Some(row.code), "{}", row.sample);
            assert!(!row.fix.is_empty() && !row.meaning.is_empty());
        }
    }

    #[test]
    fn unknown_aadsts_codes_are_still_named() {
        assert_eq!(
            aadsts("error_description=AADSTS90072%3a+User").as_deref(),
            Some("AADSTS90072")
        );
        assert_eq!(aadsts("AADSTS12"), None);
    }
}
