//! Query strings to filters: the names and meanings of `sitrep events`' flags
//! ([`sitrep_store::FilterParams`]), plus a few parameters of each endpoint. A parameter the
//! endpoint does not know, or one given twice, is an error naming it, so that a typo never
//! silently widens a query.

use crate::error::ApiError;
use sitrep_store::{EventFilter, FilterParams};
use std::collections::BTreeMap;

/// The filter parameters, in the order the API documents them.
pub const FILTER_PARAMS: [&str; 18] = [
    "since",
    "until",
    "kind",
    "place",
    "near",
    "radius_km",
    "bbox",
    "country",
    "admin1",
    "actor",
    "attacker",
    "weapon",
    "outlet",
    "status",
    "min_sources",
    "text",
    "limit",
    "cursor",
];

/// A parsed query: the filter parameters and the endpoint's own.
#[derive(Debug, Default)]
pub struct Query {
    pub filter: FilterParams,
    pub extra: BTreeMap<String, String>,
}

impl Query {
    /// Parses `query` (without the `?`), accepting the filter parameters named in `filters`
    /// and the endpoint's own parameters `extra`.
    pub fn parse(query: Option<&str>, filters: &[&str], extra: &[&str]) -> Result<Query, ApiError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or(""))
            .map_err(|e| ApiError::BadRequest(format!("the query string does not decode: {e}")))?;
        let mut q = Query::default();
        let mut seen: Vec<String> = Vec::new();
        for (k, v) in pairs {
            if seen.contains(&k) {
                return Err(ApiError::BadRequest(format!(
                    "parameter {k:?} is given more than once"
                )));
            }
            seen.push(k.clone());
            if extra.contains(&k.as_str()) {
                q.extra.insert(k, v);
                continue;
            }
            if !filters.contains(&k.as_str()) {
                let mut known: Vec<&str> = filters.to_vec();
                known.extend(extra);
                return Err(ApiError::BadRequest(format!(
                    "unknown parameter {k:?}; this endpoint takes: {}",
                    known.join(", ")
                )));
            }
            let f = &mut q.filter;
            let slot = match k.as_str() {
                "since" => &mut f.since,
                "until" => &mut f.until,
                "kind" => &mut f.kind,
                "place" => &mut f.place,
                "near" => &mut f.near,
                "radius_km" => &mut f.radius_km,
                "bbox" => &mut f.bbox,
                "country" => &mut f.country,
                "admin1" => &mut f.admin1,
                "actor" => &mut f.actor,
                "attacker" => &mut f.attacker,
                "weapon" => &mut f.weapon,
                "outlet" => &mut f.outlet,
                "status" => &mut f.status,
                "min_sources" => &mut f.min_sources,
                "text" => &mut f.text,
                "limit" => &mut f.limit,
                _ => &mut f.cursor,
            };
            *slot = Some(v);
        }
        Ok(q)
    }

    /// The checked store filter.
    pub fn to_filter(&self) -> Result<EventFilter, ApiError> {
        self.filter
            .to_filter()
            .map_err(|e| ApiError::BadRequest(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_repeated_parameters_are_refused_by_name() {
        let q = Query::parse(
            Some("kind=drone_strike&near=50.4%2C30.5&format=json"),
            &FILTER_PARAMS,
            &["format"],
        )
        .unwrap();
        assert_eq!(q.filter.kind.as_deref(), Some("drone_strike"));
        assert_eq!(q.filter.near.as_deref(), Some("50.4,30.5"));
        assert_eq!(q.extra["format"], "json");
        let err = |s| {
            Query::parse(Some(s), &FILTER_PARAMS[..17], &[])
                .unwrap_err()
                .to_string()
        };
        assert!(err("knd=shelling").contains("unknown parameter \"knd\""));
        assert!(err("cursor=x").contains("unknown parameter \"cursor\""));
        assert!(err("kind=a&kind=b").contains("\"kind\" is given more than once"));
        let bad = Query::parse(Some("since=yesterday"), &FILTER_PARAMS, &[]).unwrap();
        assert!(bad
            .to_filter()
            .unwrap_err()
            .to_string()
            .starts_with("since \"yesterday\""));
    }
}
