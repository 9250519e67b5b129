//! Saved queries: the `.rq` files under `queries/`, compiled in, each opening with
//! `# title:`, `# description:` and one `# param:` line per parameter; and the
//! turning of `NAME=VALUE` parameters into RDF terms (never into query text).

use oxigraph::model::{Literal, NamedNode, Term, Variable};

/// The saved queries compiled into the binary: (name, text).
pub const SAVED: &[(&str, &str)] = &[
    ("actors-of-article", include_str!("../queries/actors-of-article.rq")),
    ("denied-and-hedged", include_str!("../queries/denied-and-hedged.rq")),
    ("facts-with-evidence", include_str!("../queries/facts-with-evidence.rq")),
    ("leaders", include_str!("../queries/leaders.rq")),
    ("meetings-of", include_str!("../queries/meetings-of.rq")),
    ("most-mentioned", include_str!("../queries/most-mentioned.rq")),
    ("partners-and-adversaries", include_str!("../queries/partners-and-adversaries.rq")),
    ("relations-between", include_str!("../queries/relations-between.rq")),
    ("troop-deployments", include_str!("../queries/troop-deployments.rq")),
    ("who-accuses", include_str!("../queries/who-accuses.rq")),
    ("who-attacks", include_str!("../queries/who-attacks.rq")),
    ("who-sanctions", include_str!("../queries/who-sanctions.rq")),
    ("who-supports", include_str!("../queries/who-supports.rq")),
];

/// A saved query with its header read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedQuery {
    /// Its name (the file name without `.rq`).
    pub name: String,
    /// `# title:`.
    pub title: String,
    /// `# description:`.
    pub description: String,
    /// `# param:` lines: (name, description).
    pub params: Vec<(String, String)>,
    /// The SPARQL text.
    pub text: String,
}

impl SavedQuery {
    /// Reads the header of a query text.
    pub fn parse(name: &str, text: &str) -> SavedQuery {
        let mut query = SavedQuery {
            name: name.to_string(),
            title: String::new(),
            description: String::new(),
            params: Vec::new(),
            text: text.to_string(),
        };
        for line in text.lines().take_while(|l| l.starts_with('#')) {
            let line = line.trim_start_matches('#').trim();
            if let Some(v) = line.strip_prefix("title:") {
                query.title = v.trim().to_string();
            } else if let Some(v) = line.strip_prefix("description:") {
                query.description = v.trim().to_string();
            } else if let Some(v) = line.strip_prefix("param:") {
                let (name, about) = v.split_once(['—', '-']).unwrap_or((v, ""));
                query.params.push((name.trim().to_string(), about.trim().to_string()));
            }
        }
        query
    }
}

/// Every saved query.
pub fn saved() -> Vec<SavedQuery> {
    SAVED.iter().map(|(name, text)| SavedQuery::parse(name, text)).collect()
}

/// A saved query by name.
pub fn find(name: &str) -> Option<SavedQuery> {
    SAVED.iter().find(|(n, _)| *n == name).map(|(n, text)| SavedQuery::parse(n, text))
}

/// A parameter that cannot be bound.
#[derive(Debug, thiserror::Error)]
#[error("--param {0:?}: {1}")]
pub struct ParamError(pub String, pub String);

/// Turns `NAME=VALUE` into a variable and an RDF term (Oxigraph substitutes only
/// variables a query projects, so saved queries return their parameters too): `<IRI>` gives an IRI,
/// `ngid:local` an entity IRI, anything else a plain string literal. The value never
/// becomes query text, so quotes and braces in it are just characters.
pub fn bind(param: &str) -> Result<(Variable, Term), ParamError> {
    let (name, value) =
        param.split_once('=').ok_or_else(|| ParamError(param.to_string(), "expected NAME=VALUE".into()))?;
    let variable = Variable::new(name.trim().trim_start_matches(['?', '$']))
        .map_err(|e| ParamError(param.to_string(), e.to_string()))?;
    let term = if let Some(iri) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        NamedNode::new(iri).map_err(|e| ParamError(param.to_string(), e.to_string()))?.into()
    } else if let Some(local) = value.strip_prefix("ngid:") {
        NamedNode::new(format!("{}{local}", crate::vocab::NGID))
            .map_err(|e| ParamError(param.to_string(), e.to_string()))?
            .into()
    } else {
        Literal::new_simple_literal(value).into()
    };
    Ok((variable, term))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_saved_query_has_a_title_and_description() {
        for q in saved() {
            assert!(!q.title.is_empty() && !q.description.is_empty(), "{} lacks its header", q.name);
        }
        assert!(saved().len() >= 10);
    }

    #[test]
    fn a_hostile_value_is_only_a_string() {
        let (v, t) = bind(r#"name=x" } ; DROP ALL ; #"#).unwrap();
        assert_eq!(v.as_str(), "name");
        assert_eq!(t, Term::Literal(Literal::new_simple_literal(r#"x" } ; DROP ALL ; #"#)));
    }

    #[test]
    fn iris_are_bound_as_iris() {
        assert!(matches!(bind("x=<https://example.org/a>").unwrap().1, Term::NamedNode(_)));
        assert!(bind("no-equals").is_err());
    }
}
