#!/usr/bin/env bash
# Run COMMAND (a command that starts the desktop app) on a private X display, wait for the main
# window, close it with Ctrl+Q as a user would, and exit with the app's own exit status.
#   .ci/start_app.sh 'bash scripts/setup.sh && .venv/bin/planner'
set -uo pipefail
command="$1"
timeout_s="${START_TIMEOUT:-600}"  # the command may install packages first
display=":$(( 90 + RANDOM % 800 ))"
log=$(mktemp /tmp/start-app.XXXXXX.log)

Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY="$display"
unset QT_QPA_PLATFORM  # the real X11 plugin, as on a user's desktop
# A first start on a new account: no settings, recent files or crashed sessions of earlier runs
# on this machine (a recovery question would stand in front of the main window).
user_home=$(mktemp -d /tmp/start-app-home.XXXXXX)
export XDG_CONFIG_HOME="$user_home/config" XDG_DATA_HOME="$user_home/data" \
       XDG_STATE_HOME="$user_home/state"
unset PLANNER_DATA_DIR
trap 'kill "$xvfb" 2>/dev/null; rm -rf "$user_home"' EXIT

bash -c "$command" >"$log" 2>&1 &
app=$!
window=""
for _ in $(seq "$timeout_s"); do
  window=$(xdotool search --onlyvisible --name 'Roadmap Planner|路线图规划器' 2>/dev/null | head -n 1)
  [ -n "$window" ] && break
  kill -0 "$app" 2>/dev/null || break
  sleep 1
done
if [ -z "$window" ]; then
  echo "start_app: no main window appeared; windows shown instead:"
  for w in $(xdotool search --onlyvisible --name '.' 2>/dev/null); do echo "  $(xdotool getwindowname "$w")"; done
  echo "output of the command:"; grep -v "^WARNING: Location" "$log"
  kill "$app" 2>/dev/null
  exit 1
fi
echo "start_app: main window shown: $(xdotool getwindowname "$window")"
sleep 2  # let the first paint and the initial plan settle, as a user would
xdotool windowfocus --sync "$window" && xdotool key --clearmodifiers ctrl+q
for _ in $(seq 30); do kill -0 "$app" 2>/dev/null || break; sleep 1; done
if kill -0 "$app" 2>/dev/null; then
  echo "start_app: the app did not quit on Ctrl+Q; output:"; cat "$log"
  kill "$app"; exit 1
fi
wait "$app"; rc=$?
echo "start_app: the app exited with status $rc"
[ "$rc" -eq 0 ] || cat "$log"
exit "$rc"
