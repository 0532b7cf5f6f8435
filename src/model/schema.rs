//! Each entry table's columns, declared once. [`entry_tables!`] hands the declarations to the
//! macro it is given, so that each concern derives its part from the same list: the record
//! structs and their headers (`model`, serde writes fields in declaration order), reading a
//! row (`data::tables`), the attributes `show` and the exports write (`attrs`), and the
//! README's schema table (checked against the headers by a test).
//!
//! A column is `name: Type = reader`: `reader` is a function of `data::tables::read` that
//! parses the cell (and reports what is wrong with it); `, "ser"` names a serde
//! `serialize_with` function of `model` when the type is not written as it is. `links` adds
//! the four link columns. `attributes { column: writer, ... }` lists, in export order, the
//! columns that are node attributes, each with its writer in `attrs::write`; the other columns
//! are ids and relations.

/// Calls `$m!` with every entry table's declaration.
#[macro_export]
#[doc(hidden)]
macro_rules! entry_tables {
    ($m:ident) => {
        $m! {
            /// An organisation: company, lab, university or community.
            Organisation "organisations.csv" {
                id: Id = id;
                /// Curated, import keeps it.
                name: String = text;
                /// Brand colour "#rrggbb" for figures and exports; curated, import keeps it.
                colour: Option<Rgb> = colour;
            } attributes { colour: display }

            /// A model family ("Qwen Series"): what releases belong to and frameworks support.
            Family "families.csv" {
                id: Id = id;
                name: String = text;
                organisations: Vec<Id> = ids, "ser_ids";
                published: Option<YearMonth> = month;
            } [links] attributes { published: display }

            /// A model release ("Qwen2.5") with its sizes, release month and edge readiness.
            Model "models.csv" {
                id: Id = id;
                name: String = text;
                family: Option<Id> = opt_id;
                organisations: Vec<Id> = ids, "ser_ids";
                sizes: Sizes = sizes;
                edge: Option<Edge> = opt_choice;
                released: Option<YearMonth> = month;
                modalities: Vec<String> = list, "join_list";
            } [links] attributes { released: display, sizes: sizes, edge: opt_choice, modalities: list }

            /// An inference framework: an open-source engine, a vendor SDK, or both.
            Framework "frameworks.csv" {
                id: Id = id;
                name: String = text;
                open_source: bool = flag;
                vendor_sdk: bool = flag;
                organisations: Vec<Id> = ids, "ser_ids";
                sizes: Sizes = sizes;
            } [links] attributes { open_source: flag, vendor_sdk: flag, sizes: raw_sizes }

            /// A compute backend a framework uses (CUDA, Metal, QNN, ...).
            Backend "backends.csv" {
                id: Id = id;
                name: String = text;
            } attributes {}

            /// An AI chip with its peak TOPS, release month and memory options.
            Chip "chips.csv" {
                id: Id = id;
                name: String = text;
                /// Curated, import keeps it.
                vendor: Option<Id> = opt_id;
                /// The product line the chip timeline draws as one series; curated, import keeps it.
                line: String = text_or_empty;
                tops: Option<Raw<Tops>> = tops;
                released: Option<YearMonth> = month;
                memory: Option<Raw<Vec<u32>>> = memory;
            } attributes { line: text, released: display, tops: tops, memory: opt_raw }

            /// A device: a phone, laptop or board the list names, or a device class ("NPU").
            Device "devices.csv" {
                id: Id = id;
                name: String = text;
                /// Curated, import keeps it.
                category: DeviceCategory = choice;
            } attributes { category: choice }

            /// A paper, de-duplicated across the sections that list it.
            Paper "papers.csv" {
                id: Id = id;
                title: String = text;
                short_name: Option<String> = opt_text;
                venue: Option<String> = opt_text;
                published: Option<YearMonth> = month;
                survey: bool = flag;
                tags: Vec<String> = list, "join_list";
            } [links] attributes { title: text, venue: opt_text, published: display, survey: true_flag, tags: list }

            /// A technique: a section of the list's paper tree ("Quantization" under "High-Speed ...").
            Technique "techniques.csv" {
                id: Id = id;
                name: String = text;
                /// The list's section number ("V.A.1"), when the heading has one.
                number: Option<String> = opt_text;
                parent: Option<Id> = opt_id;
            } attributes { number: opt_text }

            /// A commercial product or application ("YOYO Assistant").
            Product "products.csv" {
                id: Id = id;
                name: String = text;
                category: String = text_or_empty;
            } [links] attributes { category: text }

            /// A benchmark or leaderboard.
            Benchmark "benchmarks.csv" {
                id: Id = id;
                name: String = text;
                category: String = text_or_empty;
            } [links] attributes { category: text }

            /// A model export format with the list's comparison of its properties.
            Format "formats.csv" {
                id: Id = id;
                name: String = text;
                organisations: Vec<Id> = ids, "ser_ids";
                safe: Support = choice;
                zero_copy: Support = choice;
                lazy_loading: Support = choice;
                no_file_size_limit: Support = choice;
                layout_control: Support = choice;
                flexibility: Support = choice;
                bf16_fp8: Support = choice;
            } [links] attributes {
                safe: choice, zero_copy: choice, lazy_loading: choice, no_file_size_limit: choice,
                layout_control: choice, flexibility: choice, bf16_fp8: choice
            }
        }
    };
}

/// The record structs, with their file, header and column docs.
macro_rules! define_structs {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident $file:literal {
            $(#[doc = $idoc:literal])* id: Id = id;
            $($(#[doc = $fdoc:literal])* $field:ident : $ty:ty = $read:ident $(, $ser:literal)?;)*
        } $([$links:ident])? attributes { $($attr:ident : $writer:ident),* $(,)? }
    )*) => {
        $(
            define_structs!(@one $(#[doc = $doc])* $name {
                $(#[doc = $idoc])* id : Id;
                $($(#[doc = $fdoc])* $field : $ty $(, $ser)?;)*
            } $($links)?);
            define_structs!(@with_id $name [$($field),*] $($links)?);

            impl $name {
                /// The table's file in data/.
                pub const FILE: &'static str = $file;
                /// The header: the columns in order (the link columns last).
                pub const COLUMNS: &'static [&'static str] =
                    define_structs!(@columns ["id", $(stringify!($field)),*] $($links)?);
                /// What each column holds, for the documentation (empty: its name says it).
                pub const DOCS: &'static [&'static str] = &[concat!($($idoc),*), $(concat!($($fdoc),*),)*];
                /// The columns that are node attributes, in the order exports write them.
                pub const ATTRIBUTES: &'static [&'static str] = &[$(stringify!($attr)),*];
            }
        )*

        /// Every entry table's file, header and column docs, in declaration order.
        pub const ENTRY_TABLES: &[(&str, &[&str], &[&str])] = &[$(($file, $name::COLUMNS, $name::DOCS)),*];
    };
    (@columns [$($c:expr),*]) => { &[$($c),*] };
    // An entry with its id and every other column empty: constructors name only what they
    // know, so a new column needs no edit where entries are made.
    (@with_id $name:ident [$($field:ident),*]) => {
        impl $name {
            /// The entry `id` with every other column empty.
            pub fn with_id(id: Id) -> $name {
                $name { id, $($field: Default::default(),)* }
            }
        }
    };
    (@with_id $name:ident [$($field:ident),*] links) => {
        impl $name {
            /// The entry `id` with every other column empty.
            pub fn with_id(id: Id) -> $name {
                $name {
                    id,
                    $($field: Default::default(),)*
                    paper_url: vec![],
                    code_url: vec![],
                    official_url: vec![],
                    hf_url: vec![],
                }
            }
        }
    };
    (@columns [$($c:expr),*] links) => { &[$($c,)* "paper_url", "code_url", "official_url", "hf_url"] };
    (@one $(#[doc = $doc:literal])* $name:ident {
        $($(#[doc = $fdoc:literal])* $field:ident : $ty:ty $(, $ser:literal)?;)*
    }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Serialize)]
        pub struct $name {
            $($(#[doc = $fdoc])* $(#[serde(serialize_with = $ser)])? pub $field: $ty,)*
        }
    };
    (@one $(#[doc = $doc:literal])* $name:ident {
        $($(#[doc = $fdoc:literal])* $field:ident : $ty:ty $(, $ser:literal)?;)*
    } links) => {
        entry_struct!(
            $(#[doc = $doc])*
            $name {
                $($(#[doc = $fdoc])* $(#[serde(serialize_with = $ser)])? $field: $ty,)*
            } links
        );
    };
}

pub(crate) use define_structs;
