#!/bin/sh
# azd postprovision hook: makes sure every Key Vault secret the app settings refer to exists. Generates the
# approval-link signing key and the intake key; asks for the SMTP URL and the Teams webhook URL; leaves a
# secret that exists alone (rotation is deliberate: docs/azure-deployment.md, "Rotating secrets").
set -eu
vault="${AZURE_KEY_VAULT_NAME:?run through azd, which exports the Bicep outputs}"

exists() { az keyvault secret show --vault-name "$vault" --name "$1" --query id -o tsv >/dev/null 2>&1; }
put() { az keyvault secret set --vault-name "$vault" --name "$1" --value "$2" --output none; }

ensure_generated() {
  if exists "$1"; then echo "$1: kept"; else put "$1" "$(openssl rand -base64 48 | tr -d '\n')"; echo "$1: generated"; fi
}
ensure_asked() {
  if exists "$1"; then echo "$1: kept"; return; fi
  printf '%s (%s; empty to skip): ' "$1" "$2"
  read -r value
  if [ -n "$value" ]; then put "$1" "$value"; echo "$1: set"; else echo "$1: NOT SET — the app refuses to start without it"; fi
}

ensure_generated lifeboat-signing-key
ensure_generated lifeboat-intake-key
exists lifeboat-operator-keys || { put lifeboat-operator-keys '[]'; echo 'lifeboat-operator-keys: [] (App Service authentication only)'; }
ensure_asked lifeboat-smtp-url 'smtps://user:password@smtp.example.com:465'
[ "${LIFEBOAT_TEAMS_ENABLED:-true}" = false ] || ensure_asked lifeboat-teams-webhook-url "the Teams Workflows webhook URL"
