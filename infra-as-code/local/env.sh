# shellcheck shell=bash
# Connection settings of the local stack. Sourced by ./beep and exported to the
# five services and to `mvn verify`; the Java code uses the same defaults, so
# overriding one here (or in the calling shell) changes both sides.

export BEEP_PG_URL="${BEEP_PG_URL:-jdbc:postgresql://127.0.0.1:5432}"
export BEEP_PG_USER="${BEEP_PG_USER:-beep}"
export BEEP_PG_PASSWORD="${BEEP_PG_PASSWORD:-beep}"
export BEEP_REDIS_URL="${BEEP_REDIS_URL:-redis://127.0.0.1:6379}"
export BEEP_KEYCLOAK_URL="${BEEP_KEYCLOAK_URL:-http://127.0.0.1:8180}"
export BEEP_KEYCLOAK_REALM="${BEEP_KEYCLOAK_REALM:-beep}"
# SpiceDB HTTP gateway (gRPC on 127.0.0.1:50051), bearer = the preshared key
export BEEP_SPICEDB_URL="${BEEP_SPICEDB_URL:-http://127.0.0.1:8443}"
export BEEP_SPICEDB_KEY="${BEEP_SPICEDB_KEY:-beep-dev-spicedb-key}"
# throwaway in-memory SpiceDB for tests (gRPC 127.0.0.1:50061): every distinct
# bearer token gets its own isolated datastore
export BEEP_SPICEDB_TESTING_URL="${BEEP_SPICEDB_TESTING_URL:-http://127.0.0.1:8444}"
export BEEP_MONGO_URL="${BEEP_MONGO_URL:-mongodb://127.0.0.1:27017/beep}"
export BEEP_KAFKA_BOOTSTRAP="${BEEP_KAFKA_BOOTSTRAP:-127.0.0.1:9092}"
export BEEP_S3_ENDPOINT="${BEEP_S3_ENDPOINT:-http://127.0.0.1:9000}"
export BEEP_S3_ACCESS_KEY="${BEEP_S3_ACCESS_KEY:-beep}"
export BEEP_S3_SECRET_KEY="${BEEP_S3_SECRET_KEY:-beep-secret-key}"
export BEEP_S3_BUCKET="${BEEP_S3_BUCKET:-beep}"
export BEEP_SMTP_API="${BEEP_SMTP_API:-http://127.0.0.1:8025}"
export BEEP_LDAP_URL="${BEEP_LDAP_URL:-ldap://127.0.0.1:3389}"
# Confidential Keycloak client used by the backend (admin API, introspection).
export BEEP_KEYCLOAK_CLIENT_ID="${BEEP_KEYCLOAK_CLIENT_ID:-beep-backend}"
export BEEP_BACKEND_SECRET="${BEEP_BACKEND_SECRET:-beep-backend-secret}"
