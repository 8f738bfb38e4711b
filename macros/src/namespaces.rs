//! The namespaces Seam's API already has, so a declaration under one of them reaches
//! the accessor the runtime defines, and one under a new namespace reaches the marker that
//! `namespace!` declared in the user's crate.
//!
//! The list holds every path prefix of every route in Seam's OpenAPI spec (documented or
//! not) whose segments are Rust identifiers. `seam_runtime` builds its accessors from this
//! same list through `__define_namespaces!`, so the two cannot disagree.

/// Every known namespace, as `/`-joined path segments, sorted.
pub(crate) const KNOWN: &[&str] = &[
    "access_codes",
    "access_codes/simulate",
    "access_codes/unmanaged",
    "access_grants",
    "access_grants/unmanaged",
    "access_methods",
    "access_methods/unmanaged",
    "acs",
    "acs/access_groups",
    "acs/access_groups/unmanaged",
    "acs/credential_pools",
    "acs/credential_provisioning_automations",
    "acs/credentials",
    "acs/credentials/unmanaged",
    "acs/encoders",
    "acs/encoders/simulate",
    "acs/entrances",
    "acs/systems",
    "acs/users",
    "acs/users/unmanaged",
    "action_attempts",
    "bridges",
    "client_sessions",
    "connect_webviews",
    "connected_accounts",
    "connected_accounts/simulate",
    "customers",
    "customers/reservations",
    "devices",
    "devices/simulate",
    "devices/unmanaged",
    "events",
    "instant_keys",
    "locks",
    "locks/simulate",
    "noise_sensors",
    "noise_sensors/noise_thresholds",
    "noise_sensors/simulate",
    "phones",
    "phones/simulate",
    "seam",
    "seam/bridge",
    "seam/bridge/v1",
    "seam/bridge/v1/bridge_client_sessions",
    "seam/bridge/v1/bridge_connected_systems",
    "seam/connect_webview",
    "seam/connect_webview/v1",
    "seam/console",
    "seam/console/v1",
    "seam/console/v1/lynx_migration",
    "seam/console/v1/organizations",
    "seam/console/v1/organizations/customization_profiles",
    "seam/console/v1/organizations/invitations",
    "seam/console/v1/organizations/members",
    "seam/console/v1/organizations/members/workspaces",
    "seam/console/v1/organizations/workspaces",
    "seam/console/v1/sites",
    "seam/console/v1/timelines",
    "seam/console/v1/workspace",
    "seam/console/v1/workspace/feature_flags",
    "seam/customer",
    "seam/customer/v1",
    "seam/customer/v1/access_grants",
    "seam/customer/v1/access_methods",
    "seam/customer/v1/automation_runs",
    "seam/customer/v1/automations",
    "seam/customer/v1/connector_customers",
    "seam/customer/v1/connectors",
    "seam/customer/v1/connectors/external_sites",
    "seam/customer/v1/connectors/ical",
    "seam/customer/v1/customers",
    "seam/customer/v1/customers/automations",
    "seam/customer/v1/encoders",
    "seam/customer/v1/events",
    "seam/customer/v1/portals",
    "seam/customer/v1/reservations",
    "seam/customer/v1/settings",
    "seam/customer/v1/settings/business_verticals",
    "seam/customer/v1/settings/vertical_resource_aliases",
    "seam/customer/v1/spaces",
    "seam/customer/v1/staff_members",
    "seam/instant_key",
    "seam/instant_key/v1",
    "seam/instant_key/v1/client_sessions",
    "seam/instant_key/v1/preview",
    "seam/mcp",
    "seam/mcp/v1",
    "seam/mobile_sdk",
    "seam/mobile_sdk/v1",
    "seam/mobile_sdk/v1/acs",
    "seam/mobile_sdk/v1/acs/credentials",
    "seam/mobile_sdk/v1/phone_sessions",
    "seam/partner",
    "seam/partner/v1",
    "seam/partner/v1/building_blocks",
    "seam/partner/v1/building_blocks/spaces",
    "seam/webhooks",
    "spaces",
    "thermostats",
    "thermostats/daily_programs",
    "thermostats/schedules",
    "thermostats/simulate",
    "unstable_partner",
    "unstable_partner/building_blocks",
    "user_identities",
    "user_identities/enrollment_automations",
    "user_identities/unmanaged",
    "webhooks",
    "workspaces",
    "workspaces/customization_profiles",
];

/// Whether `prefix` (segments joined by `/`) is one of Seam's namespaces.
pub(crate) fn is_known(prefix: &str) -> bool {
    KNOWN.binary_search(&prefix).is_ok()
}

/// The marker type name for a namespace: `acs/credentials` becomes `AcsCredentials`.
pub(crate) fn camel(prefix: &str) -> String {
    let mut out = String::with_capacity(prefix.len());
    for word in prefix.split(['/', '_']) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// The marker type a `namespace!` declaration defines, e.g. `WidgetsGizmosNs`.
///
/// Never panics: a name that is not an identifier as is (`_1` would give `1Ns`) gets a
/// leading `_`, and one that still is not falls back to a fixed name.
pub(crate) fn marker_ident(prefix: &str, span: proc_macro2::Span) -> syn::Ident {
    let name = format!("{}Ns", camel(prefix));
    let mut ident = syn::parse_str::<syn::Ident>(&name)
        .or_else(|_| syn::parse_str::<syn::Ident>(&format!("_{name}")))
        .unwrap_or_else(|_| syn::Ident::new("__UnnamedNs", span));
    ident.set_span(span);
    ident
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_list_is_sorted_and_unique() {
        assert!(KNOWN.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn camel_names_do_not_collide() {
        let mut names: Vec<String> = KNOWN.iter().map(|p| camel(p)).collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }

    #[test]
    fn every_parent_is_known() {
        for prefix in KNOWN {
            if let Some((parent, _)) = prefix.rsplit_once('/') {
                assert!(is_known(parent), "{prefix} has no parent");
            }
        }
    }

    #[test]
    fn marker_names_are_identifiers() {
        let span = proc_macro2::Span::call_site();
        assert_eq!(marker_ident("widgets/gizmos", span), "WidgetsGizmosNs");
        assert_eq!(marker_ident("_1", span), "_1Ns");
        assert_eq!(marker_ident("_1/x", span), "_1XNs");
        assert_eq!(marker_ident("__", span), "Ns");
    }

    #[test]
    fn camel_case() {
        assert_eq!(camel("acs/credentials"), "AcsCredentials");
        assert_eq!(camel("seam/console/v1"), "SeamConsoleV1");
        assert_eq!(camel("client_sessions"), "ClientSessions");
    }
}
