//! Relations in plain words, for reasons people read: "covers Quantization", "both cover
//! Quantization", "runs on iPhone16".

use petgraph::Direction;

use crate::model::RelationKind;

/// How an entry relates to a neighbour, as a verb phrase with the entry as subject:
/// outgoing reads the relation (`runs on`), incoming its inverse (`runs`).
pub fn verb(r: RelationKind, dir: Direction) -> &'static str {
    use RelationKind::*;
    match (dir, r) {
        (Direction::Outgoing, ReleasedBy) => "released by",
        (Direction::Outgoing, MemberOf) => "member of",
        (Direction::Outgoing, SuccessorOf) => "successor of",
        (Direction::Outgoing, Supports) => "supports",
        (Direction::Outgoing, UsesBackend) => "uses",
        (Direction::Outgoing, Targets) => "targets",
        (Direction::Outgoing, RunsOn) => "runs on",
        (Direction::Outgoing, MadeBy) => "made by",
        (Direction::Outgoing, ShipsIn) => "ships in",
        (Direction::Outgoing, Covers) => "covers",
        (Direction::Outgoing, SubtopicOf) => "subtopic of",
        (Direction::Outgoing, Implements) => "implements",
        (Direction::Outgoing, BuiltOn) => "built on",
        (Direction::Outgoing, PoweredBy) => "powered by",
        (Direction::Outgoing, IsA) => "is a",
        (Direction::Outgoing, PartOf) => "part of",
        (Direction::Incoming, ReleasedBy) => "releases",
        (Direction::Incoming, MemberOf) => "has member",
        (Direction::Incoming, SuccessorOf) => "succeeded by",
        (Direction::Incoming, Supports) => "supported by",
        (Direction::Incoming, UsesBackend) => "used by",
        (Direction::Incoming, Targets) => "targeted by",
        (Direction::Incoming, RunsOn) => "runs",
        (Direction::Incoming, MadeBy) => "makes",
        (Direction::Incoming, ShipsIn) => "has chip",
        (Direction::Incoming, Covers) => "covered by",
        (Direction::Incoming, SubtopicOf) => "has subtopic",
        (Direction::Incoming, Implements) => "implemented by",
        (Direction::Incoming, BuiltOn) => "base of",
        (Direction::Incoming, PoweredBy) => "powers",
        (Direction::Incoming, IsA) => "has kind",
        (Direction::Incoming, PartOf) => "has part",
    }
}

/// The same phrase with two subjects, after "both": "both cover", "both run on".
pub fn plural(r: RelationKind, dir: Direction) -> &'static str {
    use RelationKind::*;
    match (dir, r) {
        (Direction::Outgoing, MemberOf) => "members of",
        (Direction::Outgoing, SuccessorOf) => "successors of",
        (Direction::Outgoing, Supports) => "support",
        (Direction::Outgoing, UsesBackend) => "use",
        (Direction::Outgoing, Targets) => "target",
        (Direction::Outgoing, RunsOn) => "run on",
        (Direction::Outgoing, ShipsIn) => "ship in",
        (Direction::Outgoing, Covers) => "cover",
        (Direction::Outgoing, SubtopicOf) => "subtopics of",
        (Direction::Outgoing, Implements) => "implement",
        (Direction::Outgoing, IsA) => "are a",
        (Direction::Incoming, ReleasedBy) => "release",
        (Direction::Incoming, MemberOf) => "have member",
        (Direction::Incoming, RunsOn) => "run",
        (Direction::Incoming, MadeBy) => "make",
        (Direction::Incoming, ShipsIn) => "have chip",
        (Direction::Incoming, SubtopicOf) => "have subtopic",
        (Direction::Incoming, PoweredBy) => "power",
        (Direction::Incoming, IsA) => "have kind",
        (Direction::Incoming, PartOf) => "have part",
        // Participles and prepositions read the same with one subject or two.
        _ => verb(r, dir),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_relation_reads_both_ways_in_words() {
        for r in RelationKind::ALL {
            for d in [Direction::Outgoing, Direction::Incoming] {
                assert!(!verb(r, d).contains('_') && !plural(r, d).contains('_'), "{r} {d:?}");
            }
        }
        assert_eq!(plural(RelationKind::Covers, Direction::Outgoing), "cover");
        assert_eq!(verb(RelationKind::RunsOn, Direction::Outgoing), "runs on");
    }
}
