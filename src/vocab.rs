//! IRIs of the vocabulary (../shared/spec/vocabulary.md, ontology/newsgraph.ttl) as
//! constants: the one place where an ontology IRI is spelled out in code.
//!
//! Nothing here builds IRIs; `rdf` mints entity, article and event IRIs from these bases.

/// The project's ontology namespace (`ng:`).
pub const NG: &str = "https://w3id.org/newsgraph/ontology#";
/// The default base of entity, article and event IRIs (`ngid:`).
pub const NGID: &str = "https://w3id.org/newsgraph/id/";
/// schema.org.
pub const SCHEMA: &str = "https://schema.org/";
/// RDF Schema.
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// SKOS.
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// OWL.
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
/// PROV-O.
pub const PROV: &str = "http://www.w3.org/ns/prov#";
/// DCMI terms.
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
/// XML Schema datatypes.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
/// RDF.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// Full IRIs, one constant a term.
pub mod iri {
    macro_rules! terms {
        ($($name:ident = $iri:expr;)*) => { $(#[doc = $iri] pub const $name: &str = $iri;)* };
    }
    terms! {
        RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
        RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
        SKOS_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel";
        OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs";
        PROV_WAS_DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom";
        DCTERMS_IDENTIFIER = "http://purl.org/dc/terms/identifier";
        DCTERMS_SOURCE = "http://purl.org/dc/terms/source";
        XSD_DATE = "http://www.w3.org/2001/XMLSchema#date";
        XSD_G_YEAR_MONTH = "http://www.w3.org/2001/XMLSchema#gYearMonth";
        XSD_G_YEAR = "http://www.w3.org/2001/XMLSchema#gYear";
        SCHEMA_PERSON = "https://schema.org/Person";
        SCHEMA_ORGANIZATION = "https://schema.org/Organization";
        SCHEMA_COUNTRY = "https://schema.org/Country";
        SCHEMA_PLACE = "https://schema.org/Place";
        SCHEMA_NEWS_ARTICLE = "https://schema.org/NewsArticle";
        SCHEMA_HEADLINE = "https://schema.org/headline";
        SCHEMA_DATE_PUBLISHED = "https://schema.org/datePublished";
        SCHEMA_IN_LANGUAGE = "https://schema.org/inLanguage";
        SCHEMA_URL = "https://schema.org/url";
        SCHEMA_MENTIONS = "https://schema.org/mentions";
        NG_EVENT = "https://w3id.org/newsgraph/ontology#Event";
        NG_RELATION = "https://w3id.org/newsgraph/ontology#relation";
        NG_SUBJECT = "https://w3id.org/newsgraph/ontology#subject";
        NG_OBJECT = "https://w3id.org/newsgraph/ontology#object";
        NG_DATE = "https://w3id.org/newsgraph/ontology#date";
        NG_PLACE = "https://w3id.org/newsgraph/ontology#place";
        NG_POLARITY = "https://w3id.org/newsgraph/ontology#polarity";
        NG_MODALITY = "https://w3id.org/newsgraph/ontology#modality";
        NG_CAMEO_CODE = "https://w3id.org/newsgraph/ontology#cameoCode";
        NG_EVIDENCE = "https://w3id.org/newsgraph/ontology#evidence";
        NG_SOURCE = "https://w3id.org/newsgraph/ontology#source";
        NG_CUE = "https://w3id.org/newsgraph/ontology#cue";
        NG_NAME_KEY = "https://w3id.org/newsgraph/ontology#nameKey";
        NG_POSITIVE = "https://w3id.org/newsgraph/ontology#Positive";
        NG_NEGATIVE = "https://w3id.org/newsgraph/ontology#Negative";
        NG_ASSERTED = "https://w3id.org/newsgraph/ontology#Asserted";
        NG_HEDGED = "https://w3id.org/newsgraph/ontology#Hedged";
        NG_DEMONYM = "https://w3id.org/newsgraph/ontology#demonym";
        NG_CAPITAL = "https://w3id.org/newsgraph/ontology#capital";
        NG_COUNTRY = "https://w3id.org/newsgraph/ontology#country";
        NG_SEAT = "https://w3id.org/newsgraph/ontology#Seat";
        NG_SEAT_OF = "https://w3id.org/newsgraph/ontology#seatOf";
        NG_ACTS_FOR = "https://w3id.org/newsgraph/ontology#actsFor";
        NG_LOCATED_IN = "https://w3id.org/newsgraph/ontology#locatedIn";
        NG_ORG_KIND = "https://w3id.org/newsgraph/ontology#orgKind";
        NG_HEAD_OF_GOVERNMENT_TITLE = "https://w3id.org/newsgraph/ontology#headOfGovernmentTitle";
        NG_DAY = "https://w3id.org/newsgraph/ontology#day";
        NG_DAY_ARTICLES = "https://w3id.org/newsgraph/ontology#dayArticles";
        NG_TALLY_OF = "https://w3id.org/newsgraph/ontology#tallyOf";
        NG_FACT_TALLY = "https://w3id.org/newsgraph/ontology#FactTally";
        NG_FACT_SUBJECT = "https://w3id.org/newsgraph/ontology#factSubject";
        NG_FACT_RELATION = "https://w3id.org/newsgraph/ontology#factRelation";
        NG_FACT_OBJECT = "https://w3id.org/newsgraph/ontology#factObject";
        NG_ACTOR_ARTICLES = "https://w3id.org/newsgraph/ontology#actorArticles";
        NG_PLACE_ARTICLES = "https://w3id.org/newsgraph/ontology#placeArticles";
        NG_ASSERTED_ARTICLES = "https://w3id.org/newsgraph/ontology#assertedArticles";
        NG_HEDGED_ARTICLES = "https://w3id.org/newsgraph/ontology#hedgedArticles";
        NG_NEGATED_ARTICLES = "https://w3id.org/newsgraph/ontology#negatedArticles";
    }
}
