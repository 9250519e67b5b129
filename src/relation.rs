//! The 18 relations of the vocabulary (../shared/spec/vocabulary.md): names, CAMEO
//! codes, Goldstein values, symmetry, and what may stand at each end.

use crate::gazetteer::Kind;

macro_rules! relations {
    ($($variant:ident = $name:literal, $cameo:expr, $goldstein:expr;)*) => {
        /// A relation property of the vocabulary.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Relation { $(#[doc = $name] $variant,)* }

        impl Relation {
            /// Every relation, in vocabulary order.
            pub const ALL: &'static [Relation] = &[$(Relation::$variant,)*];

            /// The local name (`supports`).
            pub fn local_name(self) -> &'static str {
                match self { $(Relation::$variant => $name,)* }
            }

            /// The CAMEO code, where one fits.
            pub fn cameo(self) -> Option<&'static str> {
                match self { $(Relation::$variant => $cameo,)* }
            }

            /// The Goldstein scale value of its CAMEO code, where one fits.
            pub fn goldstein(self) -> Option<f32> {
                match self { $(Relation::$variant => $goldstein,)* }
            }
        }
    };
}

relations! {
    LeaderOf = "leaderOf", None, None;
    MemberOf = "memberOf", None, None;
    AffiliatedWith = "affiliatedWith", None, None;
    LocatedIn = "locatedIn", None, None;
    Supports = "supports", Some("05"), Some(3.5);
    MeetsWith = "meetsWith", Some("04"), Some(1.0);
    Visits = "visits", Some("042"), Some(1.9);
    CooperatesWith = "cooperatesWith", Some("06"), Some(6.0);
    ProvidesAidTo = "providesAidTo", Some("07"), Some(7.0);
    ProvidesMilitaryAidTo = "providesMilitaryAidTo", Some("072"), Some(8.3);
    SendsTroopsTo = "sendsTroopsTo", Some("072"), Some(8.3);
    Attacks = "attacks", Some("19"), Some(-10.0);
    Captures = "captures", Some("192"), Some(-9.5);
    Accuses = "accuses", Some("112"), Some(-2.0);
    Criticizes = "criticizes", Some("111"), Some(-2.0);
    Sanctions = "sanctions", Some("163"), Some(-8.0);
    Threatens = "threatens", Some("13"), Some(-6.0);
    SignsAgreementWith = "signsAgreementWith", Some("057"), Some(8.0);
}

impl Relation {
    /// The relation of a local name.
    pub fn from_local_name(name: &str) -> Option<Relation> {
        Relation::ALL.iter().copied().find(|r| r.local_name() == name)
    }

    /// Whether it holds both ways (written in both directions).
    pub fn is_symmetric(self) -> bool {
        matches!(self, Relation::MeetsWith | Relation::CooperatesWith | Relation::SignsAgreementWith)
    }

    /// Whether the event takes place where its subject is: words, decisions, meetings
    /// and signatures, not attacks, captures, visits or aid sent elsewhere. A place the
    /// article gives for its actors (a dateline) is then the event's.
    pub fn happens_where_its_actor_is(self) -> bool {
        matches!(
            self,
            Relation::Supports
                | Relation::MeetsWith
                | Relation::CooperatesWith
                | Relation::Accuses
                | Relation::Criticizes
                | Relation::Sanctions
                | Relation::Threatens
                | Relation::SignsAgreementWith
        )
    }

    /// Whether an entity of this kind may be the subject.
    pub fn subject_ok(self, kind: Kind) -> bool {
        match self {
            Relation::LeaderOf => kind == Kind::Person,
            Relation::AffiliatedWith => matches!(kind, Kind::Person | Kind::Organization),
            Relation::LocatedIn => kind == Kind::Place,
            _ => matches!(kind, Kind::Person | Kind::Organization | Kind::Country),
        }
    }

    /// Whether an entity of this kind may be the object.
    pub fn object_ok(self, kind: Kind) -> bool {
        match self {
            Relation::LeaderOf => matches!(kind, Kind::Country | Kind::Organization),
            Relation::MemberOf => kind == Kind::Organization,
            Relation::AffiliatedWith => kind == Kind::Country,
            Relation::LocatedIn | Relation::Visits | Relation::SendsTroopsTo | Relation::Captures => {
                matches!(kind, Kind::Place | Kind::Country)
            }
            Relation::Attacks => kind != Kind::Seat,
            _ => matches!(kind, Kind::Person | Kind::Organization | Kind::Country),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eighteen_relations_with_unique_names() {
        assert_eq!(Relation::ALL.len(), 18);
        for r in Relation::ALL {
            assert_eq!(Relation::from_local_name(r.local_name()), Some(*r));
        }
    }

    #[test]
    fn places_only_where_the_vocabulary_allows_them() {
        assert!(Relation::SendsTroopsTo.object_ok(Kind::Place));
        assert!(!Relation::Accuses.object_ok(Kind::Place));
        assert!(!Relation::Supports.subject_ok(Kind::Place));
    }
}
