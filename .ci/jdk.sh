# Finds a JDK 21 or newer; sourced by ./drover and .ci/run so both pick the same one.
# Order: $JAVA_HOME, then the java on PATH, then the newest JDK in the directories of
# $DROVER_JVM_DIRS (colon-separated; default /usr/lib/jvm), so a test can confine the search.

# Prints the feature version of the JDK at $1 (17, 21, 25), or nothing if it is not a JDK.
drover_jdk_version() {
  local home=$1 version
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  version=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  case $version in
    1.*) version=${version#1.} ;; # Java 8 and older said 1.8.0_...
  esac
  version=${version%%[.+-]*}
  case $version in
    '' | *[!0-9]*) return 0 ;;
  esac
  printf '%s\n' "$version"
}

# Prints the home of the first JDK >= 21 found; otherwise explains on stderr and returns 1.
drover_find_jdk() {
  local candidates=() tried=() home version best='' best_version=0 java dir dirs
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if java=$(command -v java 2>/dev/null); then
    java=$(readlink -f "$java")
    candidates+=("$(dirname "$(dirname "$java")")")
  fi
  for home in "${candidates[@]}"; do
    # JAVA_HOME and the java on PATH are often the same JDK: try it once.
    [[ " ${tried[*]} " == *" $home ("* ]] && continue
    version=$(drover_jdk_version "$home")
    if [ -n "$version" ] && [ "$version" -ge 21 ]; then
      printf '%s\n' "$home"
      return 0
    fi
    tried+=("$home (${version:-not a JDK})")
  done
  IFS=: read -r -a dirs <<< "${DROVER_JVM_DIRS:-/usr/lib/jvm}"
  for dir in "${dirs[@]}"; do
    for home in "$dir"/*/; do
      [ -d "$home" ] || continue
      home=${home%/}
      version=$(drover_jdk_version "$home")
      if [ -n "$version" ] && [ "$version" -gt "$best_version" ]; then
        best=$home
        best_version=$version
      fi
    done
  done
  if [ "$best_version" -ge 21 ]; then
    printf '%s\n' "$best"
    return 0
  fi
  [ -n "$best" ] && tried+=("$best ($best_version, the newest in ${DROVER_JVM_DIRS:-/usr/lib/jvm})")
  {
    echo "drover: needs a JDK 21 or newer, and found none."
    for home in "${tried[@]}"; do echo "  tried: $home"; done
    echo "  Install one (e.g. Eclipse Temurin 21 or 25) and set JAVA_HOME to it."
  } >&2
  return 1
}
