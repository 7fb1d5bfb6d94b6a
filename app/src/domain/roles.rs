//! «Роли» and the combination rule: any set of roles except one that holds
//! «Администратор» together with another role; at least one role.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Admin,
    Operator,
    SeniorOperator,
    Controller,
    Manager,
}

impl Role {
    /// In the order of the form.
    pub const ALL: [Role; 5] = [Role::Admin, Role::Operator, Role::SeniorOperator, Role::Controller, Role::Manager];

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Администратор",
            Role::Operator => "Оператор",
            Role::SeniorOperator => "Старший оператор",
            Role::Controller => "Контролёр",
            Role::Manager => "Управляющий",
        }
    }

    /// Stable key used in the database and in form values.
    pub fn key(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Operator => "operator",
            Role::SeniorOperator => "senior_operator",
            Role::Controller => "controller",
            Role::Manager => "manager",
        }
    }

    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }

    pub fn is_admin(self) -> bool {
        self == Role::Admin
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSet(Vec<Role>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoleSetError {
    #[error("Выберите хотя бы одну роль")]
    Empty,
    #[error(
        "Роль «Администратор» не совмещается с другими ролями: для работы в операционной части нужна вторая учётная запись"
    )]
    AdminWithOthers,
    #[error("Неизвестная роль «{0}»")]
    Unknown(String),
}

impl RoleSet {
    pub fn parse(roles: &[Role]) -> Result<Self, RoleSetError> {
        let mut roles = roles.to_vec();
        roles.sort();
        roles.dedup();
        if roles.is_empty() {
            return Err(RoleSetError::Empty);
        }
        if roles.contains(&Role::Admin) && roles.len() > 1 {
            return Err(RoleSetError::AdminWithOthers);
        }
        Ok(Self(roles))
    }

    pub fn parse_keys<S: AsRef<str>>(keys: &[S]) -> Result<Self, RoleSetError> {
        let roles = keys
            .iter()
            .map(|k| Role::from_key(k.as_ref()).ok_or_else(|| RoleSetError::Unknown(k.as_ref().to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        Self::parse(&roles)
    }

    pub fn roles(&self) -> &[Role] {
        &self.0
    }

    pub fn keys(&self) -> Vec<String> {
        self.0.iter().map(|r| r.key().to_string()).collect()
    }

    pub fn is_admin(&self) -> bool {
        self.0.contains(&Role::Admin)
    }

    pub fn labels(&self) -> String {
        self.0.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ")
    }
}

/// Why a role checkbox is disabled in the form (the rule shown before it is
/// broken), or `None` when it can be chosen.
pub fn why_disabled(role: Role, chosen: &[Role]) -> Option<&'static str> {
    let admin_chosen = chosen.contains(&Role::Admin);
    let other_chosen = chosen.iter().any(|r| !r.is_admin());
    if role.is_admin() && other_chosen {
        Some("«Администратор» нельзя совмещать с ролями операционной части")
    } else if !role.is_admin() && admin_chosen {
        Some("Роли операционной части нельзя совмещать с ролью «Администратор»")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_operational_combination_is_allowed() {
        assert!(RoleSet::parse(&[Role::Operator]).is_ok());
        assert!(RoleSet::parse(&[Role::Operator, Role::SeniorOperator, Role::Controller, Role::Manager]).is_ok());
        assert!(RoleSet::parse(&[Role::Admin]).is_ok());
        assert_eq!(
            RoleSet::parse(&[Role::Manager, Role::Operator, Role::Operator]).map(|r| r.roles().to_vec()),
            Ok(vec![Role::Operator, Role::Manager])
        );
    }

    #[test]
    fn admin_never_with_another_role() {
        for other in [Role::Operator, Role::SeniorOperator, Role::Controller, Role::Manager] {
            assert_eq!(RoleSet::parse(&[Role::Admin, other]), Err(RoleSetError::AdminWithOthers));
        }
        assert_eq!(RoleSet::parse(&[]), Err(RoleSetError::Empty));
    }

    #[test]
    fn keys_round_trip() {
        let set = RoleSet::parse_keys(&["controller", "operator"]).expect("valid");
        assert_eq!(set.keys(), vec!["operator", "controller"]);
        assert_eq!(RoleSet::parse_keys(&["root"]), Err(RoleSetError::Unknown("root".into())));
    }

    #[test]
    fn disabling_explains_itself() {
        assert!(why_disabled(Role::Operator, &[Role::Admin]).is_some());
        assert!(why_disabled(Role::Admin, &[Role::Controller]).is_some());
        assert!(why_disabled(Role::Admin, &[]).is_none());
        assert!(why_disabled(Role::Manager, &[Role::Operator]).is_none());
    }
}
