//! Entry kinds and relation kinds: the typed vocabulary of the knowledge graph.

use std::fmt;
use std::str::FromStr;

/// What an entry is. The order here is the order of files, clusters and listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntryKind {
    Organisation,
    Family,
    Model,
    Framework,
    Backend,
    Chip,
    Device,
    Paper,
    Technique,
    Product,
    Benchmark,
    Format,
}

impl EntryKind {
    pub const ALL: [EntryKind; 12] = [
        EntryKind::Organisation,
        EntryKind::Family,
        EntryKind::Model,
        EntryKind::Framework,
        EntryKind::Backend,
        EntryKind::Chip,
        EntryKind::Device,
        EntryKind::Paper,
        EntryKind::Technique,
        EntryKind::Product,
        EntryKind::Benchmark,
        EntryKind::Format,
    ];

    /// The singular name used in `kind:id` references.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Organisation => "organisation",
            EntryKind::Family => "family",
            EntryKind::Model => "model",
            EntryKind::Framework => "framework",
            EntryKind::Backend => "backend",
            EntryKind::Chip => "chip",
            EntryKind::Device => "device",
            EntryKind::Paper => "paper",
            EntryKind::Technique => "technique",
            EntryKind::Product => "product",
            EntryKind::Benchmark => "benchmark",
            EntryKind::Format => "format",
        }
    }

    /// The data file holding entries of this kind.
    pub const fn file_name(self) -> &'static str {
        match self {
            EntryKind::Organisation => "organisations.csv",
            EntryKind::Family => "families.csv",
            EntryKind::Model => "models.csv",
            EntryKind::Framework => "frameworks.csv",
            EntryKind::Backend => "backends.csv",
            EntryKind::Chip => "chips.csv",
            EntryKind::Device => "devices.csv",
            EntryKind::Paper => "papers.csv",
            EntryKind::Technique => "techniques.csv",
            EntryKind::Product => "products.csv",
            EntryKind::Benchmark => "benchmarks.csv",
            EntryKind::Format => "formats.csv",
        }
    }

    pub fn expected() -> String {
        join_names(Self::ALL.iter().map(|k| k.as_str()))
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntryKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        // The canonical spelling (every end of relations.csv) without the lenient path's
        // allocation: at a million entries this parse runs millions of times.
        if let Some(k) = Self::ALL.into_iter().find(|k| k.as_str() == s) {
            return Ok(k);
        }
        let s = s.trim().to_ascii_lowercase();
        // Plurals and the American spelling are accepted on the command line.
        let s = match s.as_str() {
            "organization" | "organizations" | "org" | "orgs" => "organisation",
            "families" => "family",
            other => other.strip_suffix('s').unwrap_or(other),
        };
        Self::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| format!("expected one of {}", Self::expected()))
    }
}

/// How two entries are related. Every relation has a direction (source -> target).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationKind {
    ReleasedBy,
    MemberOf,
    SuccessorOf,
    Supports,
    UsesBackend,
    Targets,
    RunsOn,
    MadeBy,
    ShipsIn,
    Covers,
    SubtopicOf,
    Implements,
    BuiltOn,
    PoweredBy,
    IsA,
    PartOf,
}

impl RelationKind {
    pub const ALL: [RelationKind; 16] = [
        RelationKind::ReleasedBy,
        RelationKind::MemberOf,
        RelationKind::SuccessorOf,
        RelationKind::Supports,
        RelationKind::UsesBackend,
        RelationKind::Targets,
        RelationKind::RunsOn,
        RelationKind::MadeBy,
        RelationKind::ShipsIn,
        RelationKind::Covers,
        RelationKind::SubtopicOf,
        RelationKind::Implements,
        RelationKind::BuiltOn,
        RelationKind::PoweredBy,
        RelationKind::IsA,
        RelationKind::PartOf,
    ];

    /// How a relation reads from its target's side ("Qwen2.5 member_of Qwen" -> "members").
    pub fn inverse_label(self) -> &'static str {
        match self {
            RelationKind::ReleasedBy => "releases",
            RelationKind::MemberOf => "members",
            RelationKind::SuccessorOf => "succeeded_by",
            RelationKind::Supports => "supported_by",
            RelationKind::UsesBackend => "used_by",
            RelationKind::Targets => "targeted_by",
            RelationKind::RunsOn => "runs",
            RelationKind::MadeBy => "makes",
            RelationKind::ShipsIn => "has_chip",
            RelationKind::Covers => "covered_by",
            RelationKind::SubtopicOf => "subtopics",
            RelationKind::Implements => "implemented_by",
            RelationKind::BuiltOn => "base_of",
            RelationKind::PoweredBy => "powers",
            RelationKind::IsA => "kinds",
            RelationKind::PartOf => "parts",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::ReleasedBy => "released_by",
            RelationKind::MemberOf => "member_of",
            RelationKind::SuccessorOf => "successor_of",
            RelationKind::Supports => "supports",
            RelationKind::UsesBackend => "uses_backend",
            RelationKind::Targets => "targets",
            RelationKind::RunsOn => "runs_on",
            RelationKind::MadeBy => "made_by",
            RelationKind::ShipsIn => "ships_in",
            RelationKind::Covers => "covers",
            RelationKind::SubtopicOf => "subtopic_of",
            RelationKind::Implements => "implements",
            RelationKind::BuiltOn => "built_on",
            RelationKind::PoweredBy => "powered_by",
            RelationKind::IsA => "is_a",
            RelationKind::PartOf => "part_of",
        }
    }

    /// The entry kinds allowed at each end of this relation.
    pub fn endpoints(self) -> (&'static [EntryKind], &'static [EntryKind]) {
        use EntryKind::*;
        match self {
            RelationKind::ReleasedBy => (&[Model, Family, Framework, Format, Product, Benchmark], &[Organisation]),
            RelationKind::MemberOf => (&[Model], &[Family]),
            RelationKind::SuccessorOf => (&[Model], &[Model]),
            RelationKind::Supports => (&[Framework], &[Family, Model]),
            RelationKind::UsesBackend => (&[Framework], &[Backend]),
            RelationKind::Targets => (&[Framework], &[Chip, Device]),
            RelationKind::RunsOn => (&[Model, Family, Product], &[Chip, Device]),
            RelationKind::MadeBy => (&[Chip, Device], &[Organisation]),
            RelationKind::ShipsIn => (&[Chip], &[Device]),
            RelationKind::Covers => (&[Paper], &[Technique]),
            RelationKind::SubtopicOf => (&[Technique], &[Technique]),
            RelationKind::Implements => (&[Paper], &[Framework]),
            RelationKind::BuiltOn => (&[Framework], &[Framework]),
            RelationKind::PoweredBy => (&[Product], &[Model, Family]),
            // Curated classes: "Apple A16 is_a Apple Silicon", "ANE NPU part_of Apple Silicon".
            RelationKind::IsA | RelationKind::PartOf => (&[Chip, Device], &[Chip, Device]),
        }
    }

    pub fn expected() -> String {
        join_names(Self::ALL.iter().map(|k| k.as_str()))
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RelationKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        // The canonical spelling (every row of relations.csv) without the two allocations below.
        if let Some(k) = Self::ALL.into_iter().find(|k| k.as_str() == s) {
            return Ok(k);
        }
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        Self::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| format!("expected one of {}", Self::expected()))
    }
}

pub(crate) fn join_names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for k in EntryKind::ALL {
            assert_eq!(k.as_str().parse::<EntryKind>(), Ok(k));
        }
        for r in RelationKind::ALL {
            assert_eq!(r.as_str().parse::<RelationKind>(), Ok(r));
        }
        assert_eq!("papers".parse::<EntryKind>(), Ok(EntryKind::Paper));
        assert_eq!("Organizations".parse::<EntryKind>(), Ok(EntryKind::Organisation));
        assert_eq!(" Uses-Backend ".parse::<RelationKind>(), Ok(RelationKind::UsesBackend));
        assert!("usesbackend".parse::<RelationKind>().unwrap_err().starts_with("expected one of released_by"));
        assert!("chipz".parse::<EntryKind>().unwrap_err().starts_with("expected one of organisation"));
    }
}
