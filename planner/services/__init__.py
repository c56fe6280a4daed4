"""Services: every edit of a plan, each `fn(session, ...) -> Changes`, run by `Project.run`.

Contract (all services):
- one call = one transaction (`Project.run(service, *args)`); a refused call raises a typed
  `PlannerError` (ValidationError, DuplicateId, NotFound, CycleError, UnknownPredecessor,
  ParseError) naming the place ("Task TP-01, field progress") and writes nothing;
- values are checked before writing (`fields.py`: types, enums, 0..1 fractions, dates within
  1970-01-01..2199-12-31, start <= end, unique codes, existing references);
- `Changes.undo` is a `journal.Patch`; `generic.undo(s, patch)` restores exactly and returns
  Changes whose `undo` redoes the edit (same ids), so an undo command needs only:
  redo -> `project.run(service, ...)` the first time, then `project.run(generic.undo, patch)`.

tasks:        add_task(s, code, *, start=None, end=None, module_id=None, stage_id=None, name="", **fields)
              (no dates: not scheduled yet, an estimate; scheduling defaults to the plan's choice)
              update_task(s, task_id, **fields); set_task_span_text(s, task_id, "第1-8周")
              set_task_duration(s, task_id, days, estimated=False); parse_duration_text("3天?")
              set_task_roles_text(s, task_id, "算子组工程师×8、架构师×2"); delete_task(s, task_id)
              restore_task(s, patch); move_task(s, task_id, new_index, module_id=None)
              next_task_code(s, module_id) -> str (a query, not an edit);
              span.span_text(task, programme) -> "第1-8周" (the span as the user wrote it)
outline:      indent_tasks(s, ids), outdent_tasks(s, ids) (as MS Project), set_parent(s, task_id,
              parent_id, index=None); respect_links.move_successors(s, task_ids=None)
              schedule_sync.sync_schedule(journal): what task and link services call so the stored
              dates of automatic tasks and summaries' roll-ups follow every edit
dependencies: set_dependencies_text(s, task_id, "TP-01, TP-02 30%"); add_dependency(s, pred_id,
              succ_id, *, type="FS", lag=0, lag_unit="d", threshold=1.0, text="");
              update_dependency(s, dep_id, **fields); remove_dependency(s, pred_id, succ_id);
              dependencies_text(s, task_id) -> str (a query)
structure:    add_stage / update_stage, add_module / update_module, add_team / update_team,
              add_milestone / update_milestone, add_risk / update_risk,
              set_cell(s, stage_id, module_id, **fields) (upsert),
              rename(s, table, id, name), reorder(s, table, id, new_index), delete(s, table, id)
raci:         set_raci(s, *, team_id, role, module_id=None, task_id=None) (role None clears),
              set_division(s, module_id, **fields) (upsert)
indicators:   add_indicator(s, code, name, *, target_text="", **fields),
              update_indicator(s, id, target_text=..., **fields) (re-parses the target),
              delete_indicator, set_reading(s, indicator_id, period, **fields) (upsert),
              delete_reading
okr:          add_objective / update_objective / delete_objective, add_key_result(s, objective_id,
              code, title, **fields) / update_key_result / delete_key_result,
              link_key_result(s, kr_id, *, indicator_id=None, task_id=None) / unlink_key_result
programme:    update_programme(s, **fields), add_calendar_exception(s, day, *, working, name),
              remove_calendar_exception(s, id), take_baseline(s, name, taken_on=None),
              delete_baseline(s, id)
bulk:         apply_tasks(s, rows) (an import-like batch of tasks and dependencies, all or nothing)
generic:      add(s, table, **values), update(s, table, id, **values), delete(s, table, id),
              reorder, rename, undo(s, patch) - for any table
rows:         the older untyped row edits used by ui/commands.py (kept for compatibility)
"""
