#!/usr/bin/env bash
# Signs one HTTP request for Strata as docs/signing.md specifies, then sends it with curl.
#
#   STRATA_APP_KEY=ak_... STRATA_APP_SECRET=... \
#     signed-curl.sh [--dry-run | --print-canonical | --print-signature] METHOD URL [BODY_FILE] [-- CURL_ARGS...]
#
#   --dry-run           print the curl command instead of running it (it holds no secret)
#   --print-canonical   print the canonical request, i.e. what is signed, and exit
#   --print-signature   print only the signature and exit
#   BODY_FILE           the exact bytes to send as the body; none means an empty body
#   CURL_ARGS           passed to curl, e.g. -- -H 'Content-Type: application/json'
#
# STRATA_TIMESTAMP and STRATA_NONCE replace the clock and the random nonce. They exist to reproduce
# the worked example of docs/signing.md and for tests; never set them for real requests.
#
# Needs bash 4.4+, openssl, sha256sum, od and curl. The secret never appears on a command line (where
# other users could read it in the process list): the HMAC (RFC 2104) is computed here, with the key
# XOR-ed into its pads in the shell and only hashes done by openssl.
set -euo pipefail
export LC_ALL=C

readonly ALGORITHM=STRATA-HMAC-SHA256

die() {
  printf 'signed-curl.sh: %s\n' "$*" >&2
  exit 2
}

usage() {
  sed -n '2,12s/^# \{0,1\}//p' "$0"
}

# The bytes of stdin as lower-case hex, without spaces.
hex_of_stdin() {
  od -An -v -tx1 | tr -d ' \n'
}

# True if the two hex digits in $1 are the code of an ASCII hex digit character.
is_hex_digit_code() {
  [[ $1 =~ ^(3[0-9]|4[1-6]|6[1-6])$ ]]
}

# RFC 3986 normalisation of one path segment, query name or query value: decode every valid %XX, then
# percent-encode every byte of the UTF-8 form except A-Z a-z 0-9 - . _ ~, with upper-case hex.
normalise() {
  local hex out='' i=0 code n char
  hex=$(printf '%s' "$1" | hex_of_stdin)
  while ((i < ${#hex})); do
    code=${hex:i:2}
    i=$((i + 2))
    if [[ $code == 25 ]] && is_hex_digit_code "${hex:i:2}" && is_hex_digit_code "${hex:i+2:2}"; then
      printf -v code '%b' "\\x${hex:i:2}\\x${hex:i+2:2}"
      i=$((i + 4))
    fi
    n=$((16#$code))
    if (((n >= 0x30 && n <= 0x39) || (n >= 0x41 && n <= 0x5A) || (n >= 0x61 && n <= 0x7A) \
        || n == 0x2D || n == 0x2E || n == 0x5F || n == 0x7E)); then
      printf -v char '%b' "\\x$code"
    else
      printf -v char '%%%02X' "$n"
    fi
    out+=$char
  done
  printf '%s' "$out"
}

# The canonical path: each segment normalised, then the dot segments "." and ".." removed (RFC 3986
# 5.2.4). Empty segments and a trailing slash are kept; an empty path is "/".
canonical_path() {
  local rest=${1#/} segment i last
  local -a segments=() kept=()
  while [[ $rest == */* ]]; do
    segments+=("${rest%%/*}")
    rest=${rest#*/}
  done
  segments+=("$rest")
  for ((i = 0; i < ${#segments[@]}; i++)); do
    segment=$(normalise "${segments[i]}")
    last=$((i == ${#segments[@]} - 1))
    if [[ $segment == .. ]] && ((${#kept[@]} > 0)); then
      unset 'kept[-1]'
    fi
    if [[ $segment == . || $segment == .. ]]; then
      if ((last)); then
        kept+=("")
      fi
    else
      kept+=("$segment")
    fi
  done
  local IFS=/
  printf '/%s' "${kept[*]}"
}

# The canonical query: parameters split on "&" (empty ones dropped) and at their first "=", names and
# values normalised, sorted by name then value in byte order, joined as name=value with "&".
canonical_query() {
  local rest=$1 part name value
  local -a parts=() pairs=()
  [[ -n $rest ]] || return 0
  while [[ $rest == *'&'* ]]; do
    parts+=("${rest%%&*}")
    rest=${rest#*&}
  done
  parts+=("$rest")
  for part in "${parts[@]}"; do
    [[ -n $part ]] || continue
    if [[ $part == *=* ]]; then
      name=${part%%=*}
      value=${part#*=}
    else
      name=$part
      value=''
    fi
    # A tab sorts before every character of a normalised name, so "name<TAB>value" sorts by name, then value.
    pairs+=("$(normalise "$name")"$'\t'"$(normalise "$value")")
  done
  ((${#pairs[@]} > 0)) || return 0
  printf '%s\n' "${pairs[@]}" | sort | tr '\t' '=' | paste -sd '&' -
}

# Lower-case hex HMAC-SHA256 of $1 keyed with $STRATA_APP_SECRET (RFC 2104).
hmac_sha256_hex() {
  local key_hex inner_pad='' outer_pad='' i byte
  key_hex=$(printf '%s' "$STRATA_APP_SECRET" | hex_of_stdin)
  if ((${#key_hex} > 128)); then
    key_hex=$(printf '%s' "$STRATA_APP_SECRET" | openssl dgst -sha256 -binary | hex_of_stdin)
  fi
  while ((${#key_hex} < 128)); do
    key_hex+=00
  done
  for ((i = 0; i < 128; i += 2)); do
    byte=$((16#${key_hex:i:2}))
    printf -v inner_pad '%s\\x%02x' "$inner_pad" $((byte ^ 0x36))
    printf -v outer_pad '%s\\x%02x' "$outer_pad" $((byte ^ 0x5c))
  done
  {
    printf '%b' "$outer_pad"
    { printf '%b' "$inner_pad"; printf '%s' "$1"; } | openssl dgst -sha256 -binary
  } | openssl dgst -sha256 -binary | hex_of_stdin
}

mode=run
case ${1:-} in
  --dry-run | --print-canonical | --print-signature) mode=${1#--}; shift ;;
  -h | --help) usage; exit 0 ;;
esac
(($# >= 2)) || { usage >&2; exit 2; }
method=${1^^}
url=$2
shift 2
body_file=''
if (($# > 0)) && [[ $1 != -- ]]; then
  body_file=$1
  shift
fi
if (($# > 0)) && [[ $1 == -- ]]; then
  shift
fi
curl_args=("$@")

: "${STRATA_APP_KEY:?set STRATA_APP_KEY to your app key}"
: "${STRATA_APP_SECRET:?set STRATA_APP_SECRET to your app secret}"
[[ $url == *://* ]] || die "URL must be absolute, like https://api.example.com/v1/..., got '$url'"
[[ -z $body_file || -r $body_file ]] || die "cannot read body file '$body_file'"

# Path and query exactly as they go on the wire: after scheme and authority, before any fragment.
after_scheme=${url#*://}
authority=${after_scheme%%[/?#]*}
target=${after_scheme#"$authority"}
target=${target%%#*}
raw_path=${target%%\?*}
raw_query=''
if [[ $target == *\?* ]]; then
  raw_query=${target#*\?}
fi

timestamp=${STRATA_TIMESTAMP:-$(date +%s)}
nonce=${STRATA_NONCE:-$(openssl rand -hex 16)}
if [[ -n $body_file ]]; then
  content_sha256=$(sha256sum <"$body_file" | cut -c1-64)
else
  content_sha256=$(sha256sum </dev/null | cut -c1-64)
fi

path=$(canonical_path "$raw_path")
query=$(canonical_query "$raw_query")
printf -v canonical '%s\n%s\n%s\n%s\n%s\n%s\n%s\n%s' \
  "$ALGORITHM" "$method" "$path" "$query" "$content_sha256" "$timestamp" "$nonce" "$STRATA_APP_KEY"
signature=$(hmac_sha256_hex "$canonical")

case $mode in
  print-canonical) printf '%s\n' "$canonical"; exit 0 ;;
  print-signature) printf '%s\n' "$signature"; exit 0 ;;
esac

command=(curl --silent --show-error -X "$method"
  -H "X-Strata-App-Key: $STRATA_APP_KEY"
  -H "X-Strata-Timestamp: $timestamp"
  -H "X-Strata-Nonce: $nonce"
  -H "X-Strata-Content-SHA256: $content_sha256"
  -H "X-Strata-Signature: $signature")
if [[ -n $body_file ]]; then
  command+=(--data-binary "@$body_file")
fi
command+=("${curl_args[@]}" "$url")

if [[ $mode == dry-run ]]; then
  printf '%q ' "${command[@]}"
  printf '\n'
else
  exec "${command[@]}"
fi
