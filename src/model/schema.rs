//! The kakunin/v1 format as data: every kind, its fields and their types.
//!
//! The validator walks documents against these tables; rules and the JSON Schema read them too.

/// The id collections a reference can point into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Party,
    Component,
    Contract,
    Any,
}

impl Target {
    pub fn noun(self) -> &'static str {
        match self {
            Target::Party => "party",
            Target::Component => "component",
            Target::Contract => "contract",
            Target::Any => "entity",
        }
    }

    /// The noun in Japanese (当事者, 構成要素, 契約).
    pub fn noun_ja(self) -> &'static str {
        match self {
            Target::Party => "当事者",
            Target::Component => "構成要素",
            Target::Contract => "契約",
            Target::Any => "対象",
        }
    }
}

/// The type of a field's value.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    Str,
    /// An id of this pack (`^[a-z0-9][a-z0-9-]{0,62}$`) that names the entity itself.
    Id,
    /// A string that must be the id of an entity of the target collection.
    Ref(Target),
    RefList(Target),
    /// One reference, or a list of them (the rules then insist on exactly one).
    RefOrList(Target),
    /// `owner` of RiskManagement: a party id or the word `joint`.
    PartyOrJoint,
    Date,
    /// A time of day `HH:MM` (`00:00` to `24:00`), as service hours are written.
    Time,
    Duration,
    Percent,
    Int,
    Bool,
    Enum(&'static [&'static str]),
    /// A path to an evidence file, relative to the pack root.
    Path,
    Country,
    /// A version string such as `"6.0"` (a bare number is reported with a hint to quote it).
    Version,
    /// `24x7` or free text.
    FreeText,
    Obj(&'static Obj),
    List(&'static Ty),
    /// A mapping whose keys match the checklist item id pattern.
    ItemMap(&'static Ty),
    Any,
}

/// A mapping with known fields.
#[derive(Debug)]
pub struct Obj {
    pub fields: &'static [Field],
    /// Whether keys other than `fields` are allowed (near-misses of known keys are still reported).
    pub open: bool,
    /// The checklist item these fields serve: a structural finding inside the mapping (a field
    /// missing, a value of the wrong type) cites it, as the rules about the item do.
    pub item: Option<&'static str>,
}

#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
}

const fn req(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        required: true,
    }
}

const fn opt(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        required: false,
    }
}

const fn closed(fields: &'static [Field]) -> Obj {
    Obj {
        fields,
        open: false,
        item: None,
    }
}

/// A closed mapping whose fields serve checklist item `item`.
const fn serving(item: &'static str, fields: &'static [Field]) -> Obj {
    Obj {
        fields,
        open: false,
        item: Some(item),
    }
}

// Fields the format requires are `req`. Fields whose absence a rule reports with its checklist
// item (the clause details, the four responsibility phases, the conformance details) are `opt`
// here, so that one problem gives one finding.

/// The document kinds of format v1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    ContractPack,
    Parties,
    Systems,
    Contract,
    ServiceLevelAgreement,
    RiskManagement,
    ChecklistRecord,
}

pub const KINDS: &[Kind] = &[
    Kind::ContractPack,
    Kind::Parties,
    Kind::Systems,
    Kind::Contract,
    Kind::ServiceLevelAgreement,
    Kind::RiskManagement,
    Kind::ChecklistRecord,
];

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::ContractPack => "ContractPack",
            Kind::Parties => "Parties",
            Kind::Systems => "Systems",
            Kind::Contract => "Contract",
            Kind::ServiceLevelAgreement => "ServiceLevelAgreement",
            Kind::RiskManagement => "RiskManagement",
            Kind::ChecklistRecord => "ChecklistRecord",
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        KINDS.iter().copied().find(|k| k.name() == name)
    }

    /// The fields of a document of this kind, besides `apiVersion` and `kind`.
    pub fn body(self) -> &'static Obj {
        match self {
            Kind::ContractPack => &CONTRACT_PACK,
            Kind::Parties => &PARTIES,
            Kind::Systems => &SYSTEMS,
            Kind::Contract => &CONTRACT,
            Kind::ServiceLevelAgreement => &SLA,
            Kind::RiskManagement => &RISK,
            Kind::ChecklistRecord => &CHECKLIST,
        }
    }
}

pub const API_VERSION: &str = "kakunin/v1";

const PERIOD: Obj = closed(&[req("start", Ty::Date), req("end", Ty::Date)]);

const BASELINE: Obj = closed(&[
    opt("mhlw_guideline", Ty::Version),
    opt("provider_guideline", Ty::Version),
    opt("checklist", Ty::Version),
]);

/// Baseline editions assumed when a pack does not name them.
pub const BASELINE_DEFAULTS: &[(&str, &str)] = &[
    ("mhlw_guideline", "6.0"),
    ("provider_guideline", "2.0"),
    ("checklist", "2024-06"),
];

static CONTRACT_PACK: Obj = closed(&[
    req("id", Ty::Id),
    req("title", Ty::Str),
    opt("status", Ty::Enum(&["draft", "active", "terminated"])),
    req("institution", Ty::Ref(Target::Party)),
    opt("prime_vendor", Ty::Ref(Target::Party)),
    req("effective", Ty::Obj(&PERIOD)),
    opt("baseline", Ty::Obj(&BASELINE)),
]);

const CONFORMANCE: Obj = serving(
    "P2-A1",
    &[
        opt("disclosure", Ty::Path),
        opt("guideline_version", Ty::Version),
        opt("confirmed_on", Ty::Date),
    ],
);

/// Days and hours of a week, as an SLA writes its service hours or a desk its opening hours:
/// `{days: weekdays, from: "09:00", to: "18:00"}`; `24x7` is `{days: everyday, from: "00:00", to: "24:00"}`.
const SCHEDULE: Obj = closed(&[
    req(
        "days",
        Ty::Enum(&["weekdays", "weekdays_and_saturday", "everyday"]),
    ),
    req("from", Ty::Time),
    req("to", Ty::Time),
    opt("holidays", Ty::Bool),
    opt("time_zone", Ty::Str),
    opt("note", Ty::Str),
]);

/// Who the institution calls when something breaks, and when they answer.
const INCIDENT_CONTACT: Obj = closed(&[
    req("name", Ty::Str),
    opt("phone", Ty::Str),
    opt("email", Ty::Str),
    req("hours", Ty::Obj(&SCHEDULE)),
]);

const CONTACT: Obj = closed(&[
    req("role", Ty::Str),
    req("name", Ty::Str),
    opt("phone", Ty::Str),
    opt("email", Ty::Str),
    opt("availability", Ty::FreeText),
]);

pub const PARTY: Obj = closed(&[
    req("id", Ty::Id),
    req("name", Ty::Str),
    req("kind", Ty::Enum(&["healthcare_provider", "vendor"])),
    opt(
        "vendor_role",
        Ty::Enum(&["prime", "subcontractor", "direct"]),
    ),
    opt("engaged_by", Ty::Ref(Target::Party)),
    opt(
        "handles_medical_info",
        Ty::Enum(&["none", "encrypted_only", "full"]),
    ),
    opt("provider_guideline_conformance", Ty::Obj(&CONFORMANCE)),
    opt("contacts", Ty::List(&Ty::Obj(&CONTACT))),
    opt("incident_contact", Ty::Obj(&INCIDENT_CONTACT)),
]);

static PARTIES: Obj = closed(&[req("parties", Ty::List(&Ty::Obj(&PARTY)))]);

const RESPONSIBILITY: Obj = serving(
    "P2-A2",
    &[
        opt("build", Ty::RefOrList(Target::Party)),
        opt("operation", Ty::RefOrList(Target::Party)),
        opt("maintenance", Ty::RefOrList(Target::Party)),
        opt("incident_response", Ty::RefOrList(Target::Party)),
    ],
);

pub const COMPONENT: Obj = serving(
    "P2-A2",
    &[
        req("id", Ty::Id),
        req("name", Ty::Str),
        req("supplier", Ty::Ref(Target::Party)),
        req("responsibility", Ty::Obj(&RESPONSIBILITY)),
        opt("remote_maintenance", Ty::Bool),
        opt("remote_access", Ty::Obj(&REMOTE_ACCESS)),
        opt("communication", Ty::Obj(&COMMUNICATION)),
        opt("data_location", Ty::Country),
    ],
);

/// How a vendor reaches a component for remote maintenance (MHLW guideline 6.0 システム運用編).
const REMOTE_ACCESS: Obj = closed(&[
    opt("by", Ty::Ref(Target::Party)),
    opt("method", Ty::Enum(NETWORK_PATHS)),
    opt("prior_approval", Ty::Bool),
    opt("emergency_post_approval", Ty::Bool),
    opt("session_logging", Ty::Bool),
    opt("dedicated_accounts", Ty::Bool),
    opt("note", Ty::Str),
]);

/// The kinds of network path a component is reached by.
pub const NETWORK_PATHS: &[&str] = &[
    "closed_network",
    "dedicated_line",
    "vpn",
    "internet",
    "cloud_console",
];

/// The network paths a component's data travels, and whether they are encrypted.
const COMMUNICATION: Obj = closed(&[
    opt("path", Ty::Enum(NETWORK_PATHS)),
    opt("encrypted", Ty::Bool),
    opt("note", Ty::Str),
]);

static SYSTEMS: Obj = closed(&[req("components", Ty::List(&Ty::Obj(&COMPONENT)))]);

const PRIME_SCOPE: Obj = serving(
    "P2-A2",
    &[
        req("components", Ty::RefList(Target::Component)),
        req("subcontractors", Ty::RefList(Target::Party)),
        req("coordination_clause", Ty::Str),
    ],
);

const GUIDELINE_COMPLIANCE: Obj = serving(
    "P2-A3",
    &[
        req("ref", Ty::Str),
        opt("mhlw_guideline_version", Ty::Version),
        opt("evidence_on_request", Ty::Bool),
        opt("note", Ty::Str),
    ],
);
const CHANGE_NOTIFICATION: Obj = serving(
    "P2-A5",
    &[
        req("ref", Ty::Str),
        opt("notice_period", Ty::Duration),
        opt("note", Ty::Str),
    ],
);
const CONFIDENTIALITY: Obj = serving(
    "P2-A7",
    &[
        req("ref", Ty::Str),
        opt("binds", Ty::RefList(Target::Party)),
        opt("staff_nda", Ty::Bool),
        opt("survives_termination", Ty::Bool),
        opt("note", Ty::Str),
    ],
);
const PERSONAL_INFORMATION: Obj = serving(
    "P2-A8",
    &[
        req("ref", Ty::Str),
        opt("incident_handling", Ty::Bool),
        opt("note", Ty::Str),
    ],
);
const SUBCONTRACTING: Obj = serving(
    "P2-A2",
    &[
        req("ref", Ty::Str),
        opt("prior_consent", Ty::Bool),
        opt("flow_down", Ty::Bool),
        opt("note", Ty::Str),
    ],
);
const SECURITY_INFORMATION: Obj = serving("P2-A11", &[req("ref", Ty::Str), opt("note", Ty::Str)]);
/// Incident reporting: the deadline to the institution and cooperation between vendors.
const INCIDENT_REPORTING: Obj = Obj {
    fields: &[
        req("ref", Ty::Str),
        opt("deadline", Ty::Duration),
        opt("vendor_cooperation", Ty::Bool),
        opt("note", Ty::Str),
    ],
    open: true,
    item: None,
};
/// The end of the contract: the data returned, then deleted with a certificate, by a deadline.
const DATA_RETURN_DELETION: Obj = Obj {
    fields: &[
        req("ref", Ty::Str),
        opt("return_format", Ty::Str),
        opt("deletion_certificate", Ty::Bool),
        opt("deadline", Ty::Duration),
        opt("note", Ty::Str),
    ],
    open: true,
    item: None,
};
/// Clauses with only a reference and free-form details.
const REF_ONLY: Obj = Obj {
    fields: &[req("ref", Ty::Str), opt("note", Ty::Str)],
    open: true,
    item: None,
};

const CLAUSES: Obj = closed(&[
    opt("guideline_compliance", Ty::Obj(&GUIDELINE_COMPLIANCE)),
    opt("change_notification", Ty::Obj(&CHANGE_NOTIFICATION)),
    opt("confidentiality", Ty::Obj(&CONFIDENTIALITY)),
    opt("personal_information", Ty::Obj(&PERSONAL_INFORMATION)),
    opt("subcontracting", Ty::Obj(&SUBCONTRACTING)),
    opt("incident_reporting", Ty::Obj(&INCIDENT_REPORTING)),
    opt("audit_rights", Ty::Obj(&REF_ONLY)),
    opt("termination", Ty::Obj(&REF_ONLY)),
    opt("data_return_deletion", Ty::Obj(&DATA_RETURN_DELETION)),
    opt("security_information", Ty::Obj(&SECURITY_INFORMATION)),
]);

/// The values of a Contract's `type`. Every type but `subcontract` is a contract the institution
/// signs with a vendor, and the clause rules read each of them alike, except a
/// `confidentiality_agreement`, of which only the confidentiality clause is read.
pub const CONTRACT_TYPES: &[&str] = &[
    "master_service_agreement",
    "maintenance",
    "operations",
    "service_terms",
    "cloud_service",
    "license",
    "confidentiality_agreement",
    "subcontract",
    "other",
];

/// What each contract type stands for, as `docs/format.md` lists them (same order).
pub const CONTRACT_TYPE_MEANINGS: &[(&str, &str)] = &[
    (
        "master_service_agreement",
        "a master contract for building and running the system (基本契約)",
    ),
    ("maintenance", "a maintenance contract (保守契約)"),
    (
        "operations",
        "an operations outsourcing contract (運用業務委託契約)",
    ),
    (
        "service_terms",
        "the terms of use of a SaaS or cloud service the institution accepted (利用規約・サービス約款)",
    ),
    (
        "cloud_service",
        "a negotiated cloud service contract (クラウドサービス利用契約)",
    ),
    ("license", "a software licence (ソフトウェア使用許諾契約)"),
    (
        "confidentiality_agreement",
        "a confidentiality agreement (秘密保持契約・秘密保持誓約書) the institution signs with a vendor, such as a subcontractor; only its confidentiality clause is read, and it is no contract to work under",
    ),
    (
        "subcontract",
        "a contract between vendors (再委託契約); needs `upstream`",
    ),
    ("other", "any other contract"),
];

static CONTRACT: Obj = closed(&[
    req("id", Ty::Id),
    req("title", Ty::Str),
    req("type", Ty::Enum(CONTRACT_TYPES)),
    req("parties", Ty::RefList(Target::Party)),
    req("signed_on", Ty::Date),
    req("term", Ty::Obj(&PERIOD)),
    opt("document", Ty::Path),
    opt("upstream", Ty::Ref(Target::Contract)),
    opt("prime_scope", Ty::Obj(&PRIME_SCOPE)),
    // The law the contract is governed by and the court agreed for disputes (cloud terms often
    // name a foreign one).
    opt("governing_law", Ty::Country),
    opt("court", Ty::Str),
    req("clauses", Ty::Obj(&CLAUSES)),
]);

const SERVICE_LEVELS: Obj = Obj {
    fields: &[
        opt("availability", Ty::Percent),
        opt("service_hours", Ty::FreeText),
        opt("incident_notification", Ty::Duration),
        opt("recovery_time_objective", Ty::Duration),
        opt("recovery_point_objective", Ty::Duration),
        opt("planned_maintenance_notice", Ty::Duration),
        opt("backup_generations", Ty::Int),
        opt(
            "availability_period",
            Ty::Enum(&["monthly", "quarterly", "yearly"]),
        ),
        opt(
            "availability_exclusions",
            Ty::List(&Ty::Enum(&[
                "planned_maintenance",
                "emergency_maintenance",
                "force_majeure",
                "customer_caused",
                "third_party",
                "other",
            ])),
        ),
        opt("commitment", Ty::Enum(&["guaranteed", "best_effort"])),
        opt("service_schedule", Ty::Obj(&SCHEDULE)),
        opt("maintenance_window", Ty::Obj(&SCHEDULE)),
        opt("by_severity", Ty::Obj(&BY_SEVERITY)),
        opt("service_credits", Ty::Obj(&SERVICE_CREDITS)),
        opt("support_desk", Ty::Obj(&SUPPORT_DESK)),
        opt("backup_frequency", Ty::Duration),
        opt("backup_offline_copy", Ty::Bool),
        opt("restore_test_cadence", Ty::Duration),
    ],
    open: true,
    item: Some("P2-A6"),
};

/// What an SLA promises for incidents of one severity.
const SEVERITY: Obj = serving(
    "P2-A6",
    &[
        opt("notification", Ty::Duration),
        opt("first_response", Ty::Duration),
        opt("recovery", Ty::Duration),
    ],
);
const BY_SEVERITY: Obj = serving(
    "P2-A6",
    &[
        opt("critical", Ty::Obj(&SEVERITY)),
        opt("major", Ty::Obj(&SEVERITY)),
        opt("minor", Ty::Obj(&SEVERITY)),
    ],
);
const SERVICE_CREDITS: Obj = serving("P2-A6", &[req("ref", Ty::Str), opt("note", Ty::Str)]);
const SUPPORT_DESK: Obj = serving(
    "P2-A6",
    &[
        req("hours", Ty::Obj(&SCHEDULE)),
        opt("phone", Ty::Str),
        opt("email", Ty::Str),
    ],
);

static SLA: Obj = serving(
    "P2-A6",
    &[
        req("id", Ty::Id),
        req("contract", Ty::Ref(Target::Contract)),
        req("provider", Ty::Ref(Target::Party)),
        req("customer", Ty::Ref(Target::Party)),
        req("agreed_on", Ty::Date),
        opt("document", Ty::Path),
        req("service_levels", Ty::Obj(&SERVICE_LEVELS)),
    ],
);

const CONTINUITY: Obj = serving(
    "P2-A4",
    &[req("alternatives_agreed", Ty::Bool), opt("ref", Ty::Str)],
);

static RISK: Obj = serving(
    "P2-A4",
    &[
        req("id", Ty::Id),
        req("owner", Ty::PartyOrJoint),
        req("review_cadence", Ty::Duration),
        req("last_review", Ty::Date),
        opt("next_review", Ty::Date),
        req(
            "process",
            Ty::List(&Ty::Enum(&[
                "identification",
                "analysis",
                "evaluation",
                "treatment",
                "communication",
            ])),
        ),
        opt("business_continuity", Ty::Obj(&CONTINUITY)),
    ],
);

pub const ITEM: Obj = closed(&[
    req("initial", Ty::Enum(&["yes", "no", "na"])),
    opt("completed_on", Ty::Date),
    opt("evidence", Ty::Str),
    opt("note", Ty::Str),
]);

static CHECKLIST: Obj = closed(&[
    req("id", Ty::Id),
    req("edition", Ty::Version),
    req("vendor", Ty::Ref(Target::Party)),
    req("first_consultation", Ty::Date),
    req("items", Ty::ItemMap(&Ty::Obj(&ITEM))),
]);
