//! The identity of an Azure Pipelines build, read from its predefined variables, that GitHub
//! Advanced Security for Azure DevOps needs in a SARIF run's `automationDetails`.

use serde_json::{Value, json};

/// The build that produced a SARIF log, as Advanced Security identifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AzurePipeline {
    organization: String,
    project_id: String,
    definition_id: String,
    definition_name: String,
    phase_id: String,
    phase_name: String,
    branch: String,
    build_id: String,
}

/// What the variables of a run say about Azure Pipelines.
#[derive(Debug, PartialEq, Eq)]
pub enum Detected {
    /// Not an Azure Pipelines job (`TF_BUILD` is not `True`).
    No,
    Pipeline(AzurePipeline),
    /// An Azure Pipelines job whose identity is incomplete: these variables are missing or
    /// malformed, so the SARIF carries no pipeline identity (ingestion would reject a partial one).
    Incomplete(Vec<&'static str>),
}

/// The build definition id: a non-zero integer.
fn definition_id(text: &str) -> bool {
    text.parse::<i64>().is_ok_and(|n| n != 0)
}

/// A GUID other than the empty one, as Azure Pipelines writes phase ids.
fn guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    let shape = groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12]);
    shape
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
        && text.bytes().any(|b| b.is_ascii_hexdigit() && b != b'0')
}

/// The organization of a collection URI: `https://dev.azure.com/<org>/` or
/// `https://<org>.visualstudio.com/`.
fn organization(uri: &str) -> Option<String> {
    let rest = uri.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let org = if host == "dev.azure.com" {
        path.split('/').next().unwrap_or("")
    } else {
        host.strip_suffix(".visualstudio.com")?
    };
    (!org.is_empty()).then(|| org.to_owned())
}

impl AzurePipeline {
    /// Reads the pipeline from its variables (`var` returns a variable's value, if set).
    pub fn detect(var: impl Fn(&str) -> Option<String>) -> Detected {
        if var("TF_BUILD").is_none_or(|v| !v.eq_ignore_ascii_case("true")) {
            return Detected::No;
        }
        let mut missing = Vec::new();
        let mut take =
            |name: &'static str, value: Option<String>, valid: fn(&str) -> bool| match value
                .as_deref()
                .map(str::trim)
                .filter(|v| valid(v))
            {
                Some(v) => v.to_owned(),
                None => {
                    missing.push(name);
                    String::new()
                }
            };
        let non_empty: fn(&str) -> bool = |v| !v.is_empty();
        let collection = take("SYSTEM_COLLECTIONURI", var("SYSTEM_COLLECTIONURI"), |v| {
            organization(v).is_some()
        });
        let project_id = take(
            "SYSTEM_TEAMPROJECTID",
            var("SYSTEM_TEAMPROJECTID"),
            non_empty,
        );
        let definition = var("SYSTEM_DEFINITIONID").or_else(|| var("BUILD_DEFINITIONID"));
        let definition_id = take("SYSTEM_DEFINITIONID", definition, definition_id);
        let mut named = |name: &'static str, valid| take(name, var(name), valid);
        let definition_name = named("BUILD_DEFINITIONNAME", non_empty);
        let phase_id = named("SYSTEM_PHASEID", guid);
        let phase_name = named("SYSTEM_PHASENAME", non_empty);
        let branch = named("BUILD_SOURCEBRANCH", non_empty);
        let build_id = named("BUILD_BUILDID", non_empty);
        if !missing.is_empty() {
            return Detected::Incomplete(missing);
        }
        Detected::Pipeline(AzurePipeline {
            organization: organization(&collection).unwrap_or_default(),
            project_id,
            definition_id,
            definition_name,
            phase_id,
            phase_name,
            branch,
            build_id,
        })
    }

    /// `runs[].automationDetails` as Advanced Security reads it.
    pub fn automation_details(&self) -> Value {
        let id = format!(
            "azuredevops/pipeline/build/{}/{}/{}/{}/{}/{}",
            self.organization,
            self.project_id,
            self.definition_id,
            self.phase_id,
            self.branch,
            self.build_id
        );
        json!({
            "id": id,
            "properties": {
                "azuredevops/pipeline/build/buildDefinitionId": self.definition_id,
                "azuredevops/pipeline/build/buildDefinitionName": self.definition_name,
                "azuredevops/pipeline/build/phaseId": self.phase_id,
                "azuredevops/pipeline/build/phaseName": self.phase_name,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn job(overrides: &[(&str, &str)]) -> Detected {
        let mut vars: HashMap<&str, &str> = HashMap::from([
            ("TF_BUILD", "True"),
            ("SYSTEM_COLLECTIONURI", "https://dev.azure.com/clinic/"),
            (
                "SYSTEM_TEAMPROJECTID",
                "6f1c2d3e-0000-4000-8000-000000000001",
            ),
            ("SYSTEM_DEFINITIONID", "12"),
            ("BUILD_DEFINITIONNAME", "contract packs"),
            ("SYSTEM_PHASEID", "3a3a3a3a-1111-4222-8333-444444444444"),
            ("SYSTEM_PHASENAME", "Job"),
            ("BUILD_SOURCEBRANCH", "refs/heads/main"),
            ("BUILD_BUILDID", "345"),
        ]);
        for (k, v) in overrides {
            vars.insert(k, v);
        }
        AzurePipeline::detect(|k| vars.get(k).map(|v| (*v).to_owned()))
    }

    #[test]
    fn a_complete_job_gives_the_canonical_id() {
        let Detected::Pipeline(p) = job(&[]) else {
            panic!("not detected")
        };
        assert_eq!(
            p.automation_details()["id"],
            "azuredevops/pipeline/build/clinic/6f1c2d3e-0000-4000-8000-000000000001/12/3a3a3a3a-1111-4222-8333-444444444444/refs/heads/main/345"
        );
        let Detected::Pipeline(p) =
            job(&[("SYSTEM_COLLECTIONURI", "https://Clinic.visualstudio.com/")])
        else {
            panic!("not detected")
        };
        assert_eq!(p.organization, "clinic");
    }

    #[test]
    fn outside_azure_pipelines_nothing_is_detected() {
        assert_eq!(job(&[("TF_BUILD", "")]), Detected::No);
        assert_eq!(AzurePipeline::detect(|_| None), Detected::No);
    }

    #[test]
    fn a_partial_identity_names_what_is_missing() {
        assert_eq!(
            job(&[
                ("SYSTEM_PHASEID", "00000000-0000-0000-0000-000000000000"),
                ("SYSTEM_DEFINITIONID", "0"),
                ("SYSTEM_COLLECTIONURI", "http://example.com/")
            ]),
            Detected::Incomplete(vec![
                "SYSTEM_COLLECTIONURI",
                "SYSTEM_DEFINITIONID",
                "SYSTEM_PHASEID"
            ])
        );
    }
}
