//! What a generated pack is made of before it is written out: parties, components, dates,
//! and the defects a violating pack carries.

use super::names::*;
use super::{GeneratedPack, Rng};

/// A calendar date (always a valid one: days stay at or below 28).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(pub u32, pub u32, pub u32);

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.0, self.1, self.2)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Institution,
    Prime,
    Subcontractor,
    Direct,
}

#[derive(Debug, Clone)]
pub struct Party {
    pub id: String,
    pub name: String,
    pub role: Role,
    /// `handles_medical_info`.
    pub handles: &'static str,
    pub confirmed_on: Day,
}

#[derive(Debug, Clone)]
pub struct Component {
    pub id: &'static str,
    pub name: &'static str,
    /// Index into the parties.
    pub supplier: usize,
    pub operated_by_institution: bool,
    pub remote: bool,
}

/// A defect a violating pack carries, each one a mistake the rules must report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Defect {
    InstitutionRenamed,
    SlaWithoutRpo,
    SlaDurationFormat,
    SlaCustomerTypo,
    SlaDateFormat,
    RiskCadenceTooLong,
    RiskNextReviewLate,
    RiskOverdue,
    RiskProcessIncomplete,
    ChecklistOpenItem,
    ChecklistCompletedTooEarly,
    ContractBackdated,
    ContractTooShort,
    GuidelineOldVersion,
    ChangeNoticeWithoutPeriod,
    ConfidentialityWithoutNda,
    ConfidentialityKeyTypo,
    PersonalInformationMissing,
    EvidenceMissing,
    EvidenceOutsidePack,
    ComponentWithoutIncidentResponse,
    ConformanceMissing,
    DuplicateKey,
    PrimeVendorMissing,
    PrimeScopeMissesSubcontractor,
    SubcontractWithoutUpstream,
}

impl Defect {
    pub const ALL: &'static [Defect] = &[
        Defect::InstitutionRenamed,
        Defect::SlaWithoutRpo,
        Defect::SlaDurationFormat,
        Defect::SlaCustomerTypo,
        Defect::SlaDateFormat,
        Defect::RiskCadenceTooLong,
        Defect::RiskNextReviewLate,
        Defect::RiskOverdue,
        Defect::RiskProcessIncomplete,
        Defect::ChecklistOpenItem,
        Defect::ChecklistCompletedTooEarly,
        Defect::ContractBackdated,
        Defect::ContractTooShort,
        Defect::GuidelineOldVersion,
        Defect::ChangeNoticeWithoutPeriod,
        Defect::ConfidentialityWithoutNda,
        Defect::ConfidentialityKeyTypo,
        Defect::PersonalInformationMissing,
        Defect::EvidenceMissing,
        Defect::EvidenceOutsidePack,
        Defect::ComponentWithoutIncidentResponse,
        Defect::ConformanceMissing,
        Defect::DuplicateKey,
        Defect::PrimeVendorMissing,
        Defect::PrimeScopeMissesSubcontractor,
        Defect::SubcontractWithoutUpstream,
    ];

    /// The rule that must report the defect.
    pub fn rule(self) -> &'static str {
        match self {
            Defect::InstitutionRenamed => "institution-party",
            Defect::SlaWithoutRpo => "sla-core-metrics",
            Defect::SlaDurationFormat | Defect::SlaDateFormat => "invalid-value",
            Defect::SlaCustomerTypo => "unresolved-reference",
            Defect::RiskCadenceTooLong => "risk-review-cadence",
            Defect::RiskNextReviewLate => "risk-next-review",
            Defect::RiskOverdue => "risk-review-overdue",
            Defect::RiskProcessIncomplete => "risk-process-complete",
            Defect::ChecklistOpenItem => "checklist-open-item",
            Defect::ChecklistCompletedTooEarly => "checklist-completion-date",
            Defect::ContractBackdated => "contract-term",
            Defect::ContractTooShort => "pack-period-in-term",
            Defect::GuidelineOldVersion => "guideline-compliance-version",
            Defect::ChangeNoticeWithoutPeriod => "change-notification-clause",
            Defect::ConfidentialityWithoutNda => "confidentiality-clause",
            Defect::ConfidentialityKeyTypo => "unknown-key",
            Defect::PersonalInformationMissing => "personal-information-clause",
            Defect::EvidenceMissing | Defect::EvidenceOutsidePack => "evidence-path",
            Defect::ComponentWithoutIncidentResponse => "component-accountability",
            Defect::ConformanceMissing => "provider-guideline-conformance",
            Defect::DuplicateKey => "duplicate-key",
            Defect::PrimeVendorMissing => "prime-vendor-named",
            Defect::PrimeScopeMissesSubcontractor => "prime-scope-subcontractors",
            Defect::SubcontractWithoutUpstream => "subcontract-upstream",
        }
    }

    /// Whether the pack has what the defect needs (a subcontractor, several vendors).
    pub fn applies(self, plan: &Plan) -> bool {
        match self {
            Defect::PrimeVendorMissing => plan.vendors() > 1,
            Defect::PrimeScopeMissesSubcontractor | Defect::SubcontractWithoutUpstream => {
                plan.has_role(Role::Subcontractor)
            }
            _ => true,
        }
    }
}

/// A pack before it is written: who, what, when, and which defects.
#[derive(Debug, Clone)]
pub struct Plan {
    pub dir: String,
    pub pack_id: String,
    pub title: String,
    pub beds: &'static str,
    /// The institution first, then the prime, subcontractors, and direct vendors.
    pub parties: Vec<Party>,
    pub components: Vec<Component>,
    pub start: Day,
    pub end: Day,
    pub signed_on: Day,
    pub first_consultation: Day,
    pub last_review: Day,
    pub defects: Vec<Defect>,
}

impl Plan {
    /// Draws a compliant pack: single-vendor (about half) or multi-vendor.
    pub fn draw(rng: &mut Rng, index: usize) -> Plan {
        let (place, place_id) = rng.pick(PLACES);
        let (kind, kind_id, beds) = rng.pick(INSTITUTIONS);
        let institution_id = format!("{place_id}-{kind_id}");
        let mut parties = vec![Party {
            id: institution_id.clone(),
            name: format!("医療法人{place}会 {place}{kind}"),
            role: Role::Institution,
            handles: "",
            confirmed_on: Day(2000, 1, 1),
        }];
        let multi = rng.chance(50);
        let (subs, direct) = if multi {
            (rng.below(3), usize::from(rng.chance(50)))
        } else {
            (0, 0)
        };
        let (subs, direct) = if multi && subs + direct == 0 {
            (1, 0)
        } else {
            (subs, direct)
        };
        let roles = std::iter::once(Role::Prime)
            .chain(std::iter::repeat_n(Role::Subcontractor, subs))
            .chain(std::iter::repeat_n(Role::Direct, direct));
        let stems = rng.distinct(VENDOR_STEMS.len(), 1 + subs + direct);
        let year = 2025 + rng.between(0, 1);
        let month = if rng.chance(50) { 4 } else { 10 };
        let start = Day(year, month, 1);
        let end = Day(year + 5, month - 1, if month == 4 { 31 } else { 30 });
        let signed_on = Day(year, month - 1, rng.between(5, 25));
        let first_consultation = if month == 4 {
            Day(year - 1, 12, rng.between(2, 26))
        } else {
            Day(year, 6, rng.between(2, 26))
        };
        for (role, stem) in roles.zip(stems) {
            let (stem_name, stem_id) = VENDOR_STEMS[stem];
            let (trade_name, trade_id) = match role {
                Role::Prime => VENDOR_TRADES[0],
                _ => VENDOR_TRADES[1 + rng.below(VENDOR_TRADES.len() - 1)],
            };
            let handles = match role {
                Role::Subcontractor => rng.pick(&["full", "encrypted_only"]),
                _ => "full",
            };
            parties.push(Party {
                id: format!("{stem_id}-{trade_id}"),
                name: format!("{stem_name}{trade_name}"),
                role,
                handles,
                confirmed_on: Day(first_consultation.0 + u32::from(month == 4), month - 3, 10),
            });
        }
        let wanted = parties.len() - 1 + rng.below(3);
        let picks = rng.distinct(COMPONENTS.len(), wanted.min(COMPONENTS.len()));
        let components = picks
            .into_iter()
            .enumerate()
            .map(|(i, c)| Component {
                id: COMPONENTS[c].1,
                name: COMPONENTS[c].0,
                // Every vendor supplies at least one component; the rest come from the prime.
                supplier: if i + 1 < parties.len() { i + 1 } else { 1 },
                operated_by_institution: rng.chance(60),
                remote: rng.chance(70),
            })
            .collect();
        Plan {
            dir: format!("customers/{place_id}/{index:05}-{kind_id}"),
            pack_id: format!("{place_id}-{kind_id}-{index:05}"),
            title: format!("{place}{kind} 医療情報システム更新（{year}年度）"),
            beds,
            parties,
            components,
            start,
            end,
            signed_on,
            first_consultation,
            last_review: Day(2026, rng.between(1, 10), rng.between(2, 28)),
            defects: Vec::new(),
        }
    }

    /// The defects of a violating pack: each that applies, with a probability of 80%, and at
    /// least one.
    pub fn draw_defects(&self, rng: &mut Rng) -> Vec<Defect> {
        let applicable: Vec<Defect> = Defect::ALL
            .iter()
            .copied()
            .filter(|d| d.applies(self))
            .collect();
        let mut chosen: Vec<Defect> = applicable
            .iter()
            .copied()
            .filter(|_| rng.chance(80))
            .collect();
        if chosen.is_empty() {
            chosen.push(rng.pick(&applicable));
        }
        chosen
    }

    pub fn with_defects(mut self, defects: Vec<Defect>) -> Plan {
        self.defects = defects;
        self
    }

    pub fn has(&self, defect: Defect) -> bool {
        self.defects.contains(&defect)
    }

    pub fn vendors(&self) -> usize {
        self.parties.len() - 1
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.parties.iter().any(|p| p.role == role)
    }

    pub fn institution(&self) -> &Party {
        &self.parties[0]
    }

    pub fn prime(&self) -> &Party {
        &self.parties[1]
    }

    /// Vendors the institution contracts with: the prime and the direct ones.
    pub fn contracted(&self) -> impl Iterator<Item = &Party> {
        self.parties
            .iter()
            .filter(|p| matches!(p.role, Role::Prime | Role::Direct))
    }

    pub fn with_role(&self, role: Role) -> impl Iterator<Item = &Party> {
        self.parties.iter().filter(move |p| p.role == role)
    }

    pub fn render(&self, rng: &mut Rng) -> GeneratedPack {
        let files = super::text::files(self, rng);
        GeneratedPack {
            dir: self.dir.clone(),
            files,
            defects: self.defects.clone(),
        }
    }
}
