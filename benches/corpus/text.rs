//! A plan written out as YAML documents (with Japanese comments and texts), laid out in 6–9
//! files, plus the evidence documents the packs point at.

use super::Rng;
use super::names::{AVAILABILITY, CONTACT_ROLES, FAMILY_NAMES, GIVEN_NAMES};
use super::plan::{Day, Defect, Party, Plan, Role};
use std::fmt::Write as _;

macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

const EVIDENCE_PDF: &[u8] = b"%PDF-1.4\n% kakunin benchmark evidence\n%%EOF\n";

fn add_months(day: Day, months: u32) -> Day {
    let total = day.0 * 12 + (day.1 - 1) + months;
    Day(total / 12, total % 12 + 1, day.2)
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FAMILY_NAMES), rng.pick(GIVEN_NAMES))
}

fn msa_id(plan: &Plan) -> String {
    format!("msa-{}-{}", plan.prime().id, plan.start.0)
}

fn contract_id(plan: &Plan, vendor: &Party) -> String {
    match vendor.role {
        Role::Prime => msa_id(plan),
        Role::Subcontractor => format!("sub-{}-{}", vendor.id, plan.start.0),
        _ => format!("mnt-{}-{}", vendor.id, plan.start.0),
    }
}

fn pack_doc(plan: &Plan) -> String {
    let mut s = String::new();
    w!(s, "# {}（{}）", plan.title, plan.beds);
    if plan.vendors() == 1 {
        w!(
            s,
            "# 事業者は {} の1社のみ（シングルベンダー）。",
            plan.prime().name
        );
    } else {
        w!(
            s,
            "# プライム事業者 {} が他の事業者を統括する。",
            plan.prime().name
        );
    }
    w!(
        s,
        "apiVersion: kakunin/v1\nkind: ContractPack\nid: {}",
        plan.pack_id
    );
    w!(s, "title: {}\nstatus: active", plan.title);
    if plan.has(Defect::InstitutionRenamed) {
        w!(
            s,
            "institution: {}-old   # 旧称のまま",
            plan.institution().id
        );
    } else {
        w!(s, "institution: {}", plan.institution().id);
    }
    if !plan.has(Defect::PrimeVendorMissing) {
        w!(s, "prime_vendor: {}", plan.prime().id);
    }
    w!(
        s,
        "effective:\n  start: {}\n  end: {}",
        plan.start,
        plan.end
    );
    w!(
        s,
        "baseline:\n  mhlw_guideline: \"6.0\"       # 安全管理ガイドライン 第6.0版"
    );
    w!(s, "  provider_guideline: \"2.0\"\n  checklist: \"2024-06\"");
    s
}

fn contacts(s: &mut String, rng: &mut Rng, count: usize, duplicate_key: bool) {
    w!(s, "    contacts:");
    for i in 0..count {
        w!(s, "      - role: {}", rng.pick(CONTACT_ROLES));
        w!(s, "        name: {}", person(rng));
        w!(
            s,
            "        phone: 0{}-000-{:04}",
            rng.between(3, 99),
            rng.between(0, 9999)
        );
        if duplicate_key && i == 0 {
            w!(s, "        phone: 0120-000-000   # 転記時に重複");
        }
        w!(s, "        availability: {}", rng.pick(AVAILABILITY));
    }
}

fn parties_doc(plan: &Plan, rng: &mut Rng) -> String {
    let mut s = String::from("# 当事者一覧\napiVersion: kakunin/v1\nkind: Parties\nparties:\n");
    let institution = plan.institution();
    w!(
        s,
        "  - id: {}\n    kind: healthcare_provider",
        institution.id
    );
    w!(s, "    name: {}", institution.name);
    contacts(&mut s, rng, 2, plan.has(Defect::DuplicateKey));
    for vendor in &plan.parties[1..] {
        w!(
            s,
            "\n  - id: {}\n    kind: vendor\n    name: {}",
            vendor.id,
            vendor.name
        );
        let (role, engaged_by) = match vendor.role {
            Role::Subcontractor => ("subcontractor", &plan.prime().id),
            Role::Direct => ("direct", &institution.id),
            _ => ("prime", &institution.id),
        };
        w!(s, "    vendor_role: {role}\n    engaged_by: {engaged_by}");
        w!(
            s,
            "    handles_medical_info: {}   # 保守で参照する範囲",
            vendor.handles
        );
        let is_prime = vendor.role == Role::Prime;
        if !(is_prime && plan.has(Defect::ConformanceMissing)) {
            w!(s, "    provider_guideline_conformance:");
            w!(
                s,
                "      disclosure: evidence/conformance-{}.pdf",
                vendor.id
            );
            w!(
                s,
                "      guideline_version: \"2.0\"\n      confirmed_on: {}",
                vendor.confirmed_on
            );
        }
        if rng.chance(60) {
            let count = 1 + rng.below(2);
            contacts(&mut s, rng, count, false);
        }
        w!(
            s,
            "    incident_contact:\n      name: {} 障害受付センター\n      phone: 0120-000-000",
            vendor.name
        );
        w!(
            s,
            "      hours: {{days: everyday, from: \"00:00\", to: \"24:00\"}}"
        );
    }
    s
}

fn systems_doc(plan: &Plan) -> String {
    let mut s = String::from(
        "# システム構成と工程ごとの責任者\napiVersion: kakunin/v1\nkind: Systems\ncomponents:\n",
    );
    let last = plan.components.len() - 1;
    for (i, c) in plan.components.iter().enumerate() {
        let supplier = &plan.parties[c.supplier];
        let answering = match supplier.role {
            Role::Subcontractor => &plan.prime().id,
            _ => &supplier.id,
        };
        let operator = if c.operated_by_institution {
            &plan.institution().id
        } else {
            &supplier.id
        };
        w!(
            s,
            "  - id: {}\n    name: {}\n    supplier: {}",
            c.id,
            c.name,
            supplier.id
        );
        w!(s, "    responsibility:\n      build: {}", supplier.id);
        w!(
            s,
            "      operation: {operator}\n      maintenance: {}",
            supplier.id
        );
        if i == last && plan.has(Defect::ComponentWithoutIncidentResponse) {
            w!(s, "      # 障害時の切り分けは別途協議");
        } else {
            w!(s, "      incident_response: {answering}");
        }
        if c.remote {
            w!(s, "    remote_maintenance: true\n    remote_access:");
            w!(s, "      by: {}\n      method: vpn", supplier.id);
            w!(
                s,
                "      prior_approval: true\n      emergency_post_approval: true"
            );
            w!(
                s,
                "      session_logging: true\n      dedicated_accounts: true"
            );
        }
        if !c.remote {
            w!(s, "    remote_maintenance: false");
        }
        w!(s, "    communication: {{path: closed_network}}");
        w!(s, "    data_location: JP\n");
    }
    s
}

fn sla_doc(plan: &Plan, vendor: &Party) -> String {
    let defect = |d| vendor.role == Role::Prime && plan.has(d);
    let mut s = format!("# サービス・レベル合意書（SLA）— {}\n", vendor.name);
    w!(s, "apiVersion: kakunin/v1\nkind: ServiceLevelAgreement");
    w!(
        s,
        "id: sla-{}-{}\ncontract: {}",
        vendor.id,
        plan.start.0,
        contract_id(plan, vendor)
    );
    w!(s, "provider: {}", vendor.id);
    let mut customer = plan.institution().id.clone();
    if defect(Defect::SlaCustomerTypo) {
        customer.remove(customer.len() - 3);
    }
    w!(s, "customer: {customer}");
    let Day(y, m, d) = plan.signed_on;
    if defect(Defect::SlaDateFormat) {
        w!(s, "agreed_on: {y}/{m:02}/{d:02}");
    } else {
        w!(s, "agreed_on: {}", plan.signed_on);
    }
    let draft = if defect(Defect::EvidenceMissing) {
        "-draft"
    } else {
        ""
    };
    w!(
        s,
        "document: evidence/sla-{}{draft}.pdf\nservice_levels:",
        vendor.id
    );
    w!(
        s,
        "  availability: 99.5                  # 診療時間帯の稼働率（%）"
    );
    w!(
        s,
        "  availability_period: monthly\n  commitment: guaranteed"
    );
    w!(
        s,
        "  service_schedule: {{days: everyday, from: \"00:00\", to: \"24:00\"}}"
    );
    w!(
        s,
        "  service_credits: {{ref: 別紙2 第5項, note: 月額保守料の10%を減額}}"
    );
    w!(
        s,
        "  service_hours: \"24x7\"\n  incident_notification: PT30M"
    );
    w!(s, "  recovery_time_objective: PT4H");
    if !defect(Defect::SlaWithoutRpo) {
        w!(
            s,
            "  recovery_point_objective: P1D       # 日次バックアップ"
        );
    }
    let notice = if defect(Defect::SlaDurationFormat) {
        "14D"
    } else {
        "P14D"
    };
    w!(
        s,
        "  planned_maintenance_notice: {notice}\n  backup_generations: 7"
    );
    w!(
        s,
        "  backup_offline_copy: true\n  restore_test_cadence: P1Y"
    );
    w!(s, "  helpdesk_hours: 平日 8:30-18:00 / 土曜 8:30-12:30");
    s
}

fn risk_doc(plan: &Plan) -> String {
    let mut s = String::from("# 継続的なリスクマネジメント（確認表 Part2 A4）\n");
    w!(
        s,
        "apiVersion: kakunin/v1\nkind: RiskManagement\nid: risk-{}",
        plan.pack_id
    );
    w!(s, "owner: joint                 # 病院と事業者が共同で実施");
    let cadence = if plan.has(Defect::RiskCadenceTooLong) {
        18
    } else {
        12
    };
    w!(
        s,
        "review_cadence: {}",
        if cadence == 18 { "P18M" } else { "P1Y" }
    );
    let last = if plan.has(Defect::RiskOverdue) {
        Day(2025, 2, plan.last_review.2)
    } else {
        plan.last_review
    };
    let extra = if plan.has(Defect::RiskNextReviewLate) {
        6
    } else {
        0
    };
    let next = add_months(last, cadence + extra);
    w!(
        s,
        "last_review: {last}\nnext_review: {}",
        Day(next.0, next.1, next.2 - 1)
    );
    let steps = if plan.has(Defect::RiskProcessIncomplete) {
        4
    } else {
        5
    };
    let all = [
        "identification",
        "analysis",
        "evaluation",
        "treatment",
        "communication",
    ];
    w!(s, "process: [{}]", all[..steps].join(", "));
    w!(
        s,
        "business_continuity:\n  alternatives_agreed: true  # 停止時は紙運用で継続\n  ref: 第15条"
    );
    s
}

fn clauses(s: &mut String, plan: &Plan, binds: &[&str], prime_master: bool) {
    let defect = |d| prime_master && plan.has(d);
    w!(
        s,
        "clauses:\n  subcontracting:\n    ref: 第5条\n    prior_consent: true\n    flow_down: true"
    );
    let version = if defect(Defect::GuidelineOldVersion) {
        "5.2"
    } else {
        "6.0"
    };
    w!(
        s,
        "  guideline_compliance:\n    ref: 第7条   # 安全管理ガイドラインの遵守"
    );
    w!(
        s,
        "    mhlw_guideline_version: \"{version}\"\n    evidence_on_request: true"
    );
    w!(s, "  change_notification:\n    ref: 第9条");
    if !defect(Defect::ChangeNoticeWithoutPeriod) {
        w!(s, "    notice_period: P30D");
    }
    w!(
        s,
        "  confidentiality:\n    ref: 第11条\n    binds: [{}]",
        binds.join(", ")
    );
    if !defect(Defect::ConfidentialityWithoutNda) {
        w!(
            s,
            "    staff_nda: true                  # 従事者と秘密保持契約を締結"
        );
    }
    if defect(Defect::ConfidentialityKeyTypo) {
        w!(s, "    survives_terminaton: true");
    } else {
        w!(s, "    survives_termination: true");
    }
    if !defect(Defect::PersonalInformationMissing) {
        w!(
            s,
            "  personal_information:\n    ref: 第12条\n    incident_handling: true"
        );
    }
    w!(
        s,
        "  incident_reporting:\n    ref: 第14条   # 障害及びセキュリティインシデントの報告"
    );
    w!(s, "    deadline: PT24H\n    vendor_cooperation: true");
    w!(
        s,
        "  audit_rights:\n    ref: 第16条\n  termination:\n    ref: 第24条"
    );
    w!(
        s,
        "  data_return_deletion:\n    ref: 第25条   # 契約終了時のデータの返還及び消去"
    );
    w!(
        s,
        "    return_format: SS-MIX2 及び CSV\n    deadline: P30D\n    deletion_certificate: true"
    );
    w!(
        s,
        "  security_information:\n    ref: 第26条   # 脆弱性・サポート終了等の情報提供"
    );
}

fn contract_doc(plan: &Plan, vendor: &Party, first_sub: bool) -> String {
    let prime = plan.prime();
    let master = vendor.role == Role::Prime;
    let defect = |d| master && plan.has(d);
    let (kind, title, parties) = match vendor.role {
        Role::Prime => (
            "master_service_agreement",
            "医療情報システムの導入並びに運用保守に関する基本契約書",
            [&plan.institution().id, &prime.id],
        ),
        Role::Subcontractor => (
            "subcontract",
            "医療情報システムの保守に関する再委託契約書",
            [&prime.id, &vendor.id],
        ),
        _ => (
            "maintenance",
            "部門システムの導入及び保守に関する契約書",
            [&plan.institution().id, &vendor.id],
        ),
    };
    let mut s = format!("# {title}（{}）\n", vendor.name);
    w!(
        s,
        "apiVersion: kakunin/v1\nkind: Contract\nid: {}",
        contract_id(plan, vendor)
    );
    w!(s, "title: {title}\ntype: {kind}");
    if vendor.role == Role::Subcontractor
        && !(first_sub && plan.has(Defect::SubcontractWithoutUpstream))
    {
        w!(s, "upstream: {}", msa_id(plan));
    }
    w!(s, "parties: [{}, {}]", parties[0], parties[1]);
    let signed = if defect(Defect::ContractBackdated) {
        Day(plan.start.0, plan.start.1, 15)
    } else {
        plan.signed_on
    };
    let end = if defect(Defect::ContractTooShort) {
        Day(plan.end.0 - 2, plan.end.1, plan.end.2)
    } else {
        plan.end
    };
    w!(
        s,
        "signed_on: {signed}\nterm:\n  start: {}\n  end: {end}",
        plan.start
    );
    if defect(Defect::EvidenceOutsidePack) {
        w!(
            s,
            "document: ../契約書スキャン/{}.pdf",
            contract_id(plan, vendor)
        );
    } else {
        w!(s, "document: evidence/{}.pdf", contract_id(plan, vendor));
    }
    let subs: Vec<&Party> = plan.with_role(Role::Subcontractor).collect();
    let mut binds = vec![vendor.id.as_str()];
    if master && plan.vendors() > 1 {
        let components: Vec<&str> = plan
            .components
            .iter()
            .filter(|c| {
                matches!(
                    plan.parties[c.supplier].role,
                    Role::Subcontractor | Role::Prime
                )
            })
            .map(|c| c.id)
            .collect();
        let listed = if plan.has(Defect::PrimeScopeMissesSubcontractor) {
            subs.len().saturating_sub(1)
        } else {
            subs.len()
        };
        let names: Vec<&str> = subs[..listed].iter().map(|p| p.id.as_str()).collect();
        w!(
            s,
            "prime_scope:\n  # プライムが再委託先から調達し、病院に対して責任を負う範囲"
        );
        w!(
            s,
            "  components: [{}]\n  subcontractors: [{}]",
            components.join(", "),
            names.join(", ")
        );
        w!(
            s,
            "  coordination_clause: 第8条（事業者間の連携）乙は再委託先を統括し、障害時は情報を集約して甲に一元的に報告する。"
        );
        binds.extend(subs.iter().map(|p| p.id.as_str()));
    }
    clauses(&mut s, plan, &binds, master);
    s
}

fn checklist_doc(plan: &Plan, vendor: &Party) -> String {
    let defect = |d| vendor.role == Role::Prime && plan.has(d);
    let mut s = format!("# 確認表（2024年6月版）— {}\n", vendor.name);
    w!(
        s,
        "apiVersion: kakunin/v1\nkind: ChecklistRecord\nid: checklist-{}",
        vendor.id
    );
    w!(s, "edition: \"2024-06\"\nvendor: {}", vendor.id);
    w!(s, "first_consultation: {}\nitems:", plan.first_consultation);
    w!(
        s,
        "  P1-1-1:\n    initial: \"yes\"\n    evidence: サービス仕様適合開示書、MDS/SDS"
    );
    w!(
        s,
        "  P1-B3-1:\n    initial: \"yes\"\n    evidence: 基本契約書 第11条"
    );
    w!(
        s,
        "  P1-B3-2:\n    initial: \"no\"\n    completed_on: {}",
        plan.signed_on
    );
    w!(
        s,
        "    note: 院内職員向け研修を事業者が年1回実施することで合意"
    );
    for n in 1..=11 {
        w!(s, "  P2-A{n}:");
        if n == 2 && plan.vendors() == 1 {
            w!(
                s,
                "    initial: \"na\"\n    note: 事業者1社のため事業者間の役割分担は該当なし"
            );
        } else if n == 4 && defect(Defect::ChecklistOpenItem) {
            w!(s, "    initial: \"no\"\n    note: 見直し頻度を協議中");
        } else if n == 6 && defect(Defect::ChecklistCompletedTooEarly) {
            let Day(y, m, d) = plan.first_consultation;
            w!(
                s,
                "    initial: \"no\"\n    completed_on: {}",
                Day(y - 1, m, d)
            );
        } else if n % 3 == 0 {
            w!(
                s,
                "    initial: \"no\"\n    completed_on: {}\n    evidence: 基本契約書 第{}条",
                plan.signed_on,
                n + 4
            );
        } else {
            w!(
                s,
                "    initial: \"yes\"\n    evidence: 基本契約書 第{}条",
                n + 4
            );
        }
    }
    s
}

/// The pack's files: (path relative to the pack directory, bytes).
pub fn files(plan: &Plan, rng: &mut Rng) -> Vec<(String, Vec<u8>)> {
    let subs: Vec<&Party> = plan.with_role(Role::Subcontractor).collect();
    let contracted: Vec<&Party> = plan.contracted().collect();
    let compact = plan.vendors() == 1 && rng.chance(50);
    let mut yaml: Vec<(String, Vec<String>)> = Vec::new();
    let mut pack = vec![pack_doc(plan)];
    if compact {
        pack.push(risk_doc(plan));
    }
    yaml.push(("pack.yaml".into(), pack));
    yaml.push(("parties.yaml".into(), vec![parties_doc(plan, rng)]));
    yaml.push(("systems.yaml".into(), vec![systems_doc(plan)]));
    yaml.push((
        "sla.yaml".into(),
        contracted.iter().map(|v| sla_doc(plan, v)).collect(),
    ));
    if !compact {
        yaml.push(("risk.yaml".into(), vec![risk_doc(plan)]));
    }
    let count = yaml.len() + contracted.len() * 2 + subs.len();
    let merge_subs = count > 9;
    let merge_checklists = count - subs.len().saturating_sub(1) * usize::from(merge_subs) > 9;
    for vendor in &contracted {
        let name = format!("contracts/{}.yaml", contract_id(plan, vendor));
        yaml.push((name, vec![contract_doc(plan, vendor, false)]));
    }
    let sub_docs = subs
        .iter()
        .enumerate()
        .map(|(i, v)| (contract_id(plan, v), contract_doc(plan, v, i == 0)));
    if merge_subs {
        yaml.push((
            "contracts/subcontracts.yaml".into(),
            sub_docs.map(|(_, d)| d).collect(),
        ));
    } else {
        yaml.extend(sub_docs.map(|(id, d)| (format!("contracts/{id}.yaml"), vec![d])));
    }
    let records = contracted
        .iter()
        .map(|v| (v.id.clone(), checklist_doc(plan, v)));
    if merge_checklists {
        yaml.push((
            "checklist/records.yaml".into(),
            records.map(|(_, d)| d).collect(),
        ));
    } else {
        yaml.extend(records.map(|(id, d)| (format!("checklist/{id}.yaml"), vec![d])));
    }
    let mut files: Vec<(String, Vec<u8>)> = yaml
        .into_iter()
        .map(|(name, docs)| (name, docs.join("---\n").into_bytes()))
        .collect();
    let mut evidence: Vec<String> = plan.parties[1..]
        .iter()
        .map(|v| format!("conformance-{}", v.id))
        .collect();
    evidence.extend(contracted.iter().map(|v| format!("sla-{}", v.id)));
    evidence.extend(contracted.iter().chain(&subs).map(|v| contract_id(plan, v)));
    files.extend(
        evidence
            .into_iter()
            .map(|e| (format!("evidence/{e}.pdf"), EVIDENCE_PDF.to_vec())),
    );
    files
}
