//! `schema`: prints a JSON Schema the library generates from its types.

use schemars::Schema;

use crate::args::{SchemaName, SetArg};
use crate::fail::Failure;
use crate::input;
use crate::outcome::{Outcome, pretty};

/// The schema a name stands for; `evidence-for` needs a set.
pub(crate) fn schema(name: SchemaName, set: &SetArg) -> Result<Schema, Failure> {
    Ok(match name {
        SchemaName::Ruleset => par_index::schema::ruleset(),
        SchemaName::Evidence => par_index::schema::evidence(),
        SchemaName::Scorecard => par_index::schema::scorecard(),
        SchemaName::EvidenceFor => par_index::schema::evidence_for(&input::ruleset(set, None)?),
    })
}

/// Prints the schema.
pub(crate) fn run(name: SchemaName, set: &SetArg) -> Result<Outcome, Failure> {
    let value = schema(name, set)?.to_value();
    Ok(Outcome::ok(pretty(&value), value))
}
