use crate::args::ServeArgs; use crate::fail::Failure; pub(crate) fn run(_a:&ServeArgs)->Result<(),Failure>{Ok(())}
