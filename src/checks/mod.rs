//! Checks: each concern pushes coded findings into a [`Sink`](crate::finding::Sink); none prints. A check's state is
//! derived from what it pushed: any error → fail, any warning → warn, judged → pass, else skip.

pub mod acs_request;
pub mod audience;
pub mod aws_role;
pub mod bearer;
pub mod certificate;
pub mod context;
pub mod destination;
pub mod docvalues;
pub mod email;
pub mod expect;
pub mod in_response_to;
pub mod issuer;
pub mod list;
pub mod message;
pub mod profile;
pub mod status;
pub mod time;
