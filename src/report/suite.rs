//! The report of `samlcheck check` (a suite: inside the code "check" names only a concern of a
//! message's report): per app its metadata lints, pairing and messages (rendered
//! by [`crate::render::suite`]).

use serde::Serialize;

use super::{Report, Verdict};
use crate::lint::{MetadataReport, PairReport};

#[derive(Debug, Serialize)]
pub struct SuiteReport {
    pub schema: u32,
    pub config: String,
    /// `pass` or `fail` (input errors count as failures here; the exit code tells them apart).
    pub verdict: Verdict,
    pub apps: Vec<AppReport>,
}

#[derive(Debug, Serialize)]
pub struct AppReport {
    pub name: String,
    pub verdict: Verdict,
    pub metadata: Vec<MetadataReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pair: Option<PairReport>,
    pub messages: Vec<Report>,
}

impl AppReport {
    pub fn new(
        name: String,
        metadata: Vec<MetadataReport>,
        pair: Option<PairReport>,
        messages: Vec<Report>,
    ) -> Self {
        let ok = metadata.iter().all(|m| m.verdict == Verdict::Pass)
            && pair.as_ref().is_none_or(|p| p.verdict == Verdict::Pass)
            && messages.iter().all(|r| !r.verdict.fails());
        Self {
            name,
            verdict: if ok { Verdict::Pass } else { Verdict::Fail },
            metadata,
            pair,
            messages,
        }
    }
}

impl SuiteReport {
    pub fn new(config: String, apps: Vec<AppReport>) -> Self {
        let ok = apps.iter().all(|a| a.verdict == Verdict::Pass);
        Self {
            schema: 1,
            config,
            verdict: if ok { Verdict::Pass } else { Verdict::Fail },
            apps,
        }
    }
}

impl SuiteReport {
    /// 2 when anything could not be read, 1 when a check failed, else 0.
    pub fn exit_code(&self) -> u8 {
        let any = |f: &dyn Fn(&AppReport) -> bool| self.apps.iter().any(f);
        if any(&|a| {
            a.metadata.iter().any(|m| m.verdict == Verdict::InputError)
                || a.messages.iter().any(|r| r.verdict == Verdict::InputError)
        }) {
            2
        } else if self.verdict == Verdict::Fail {
            1
        } else {
            0
        }
    }
}
