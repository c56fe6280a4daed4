"""The plan file's tables as plain data, for reading a `.plan` with sqlite3 alone (no ORM).

`planner.model` (SQLModel/SQLAlchemy) is the source of truth; importing it costs most of a
read-only command's start-up, so the read-only CLI verbs read this description instead: every
table's name, its `Plan` list, its columns in model order, which of them are dates, date-times,
booleans and floats, whether rows come in user order (`"order", id`) or by id, and its foreign
keys; the head schema's DDL (the allowlist checked at open) and its CHECK rules. Tables come in
`planner.model.ALL_TABLES` order.

Generated from the model by `python -m tests.unit.rowschema_source`; `tests/unit/test_rowschema.py`
fails when the two differ, so they cannot drift.
"""

from __future__ import annotations

SCHEMA_VERSION = 4

TABLES = ({'name': 'programme',
  'list': None,
  'class': 'Programme',
  'columns': ('id',
              'name',
              'start_date',
              'language',
              'workweek',
              'holiday_region',
              'status_date',
              'notes',
              'default_scheduling',
              'week_numbering'),
  'dates': ('start_date', 'status_date'),
  'datetimes': (),
  'booleans': (),
  'floats': (),
  'ordered': False,
  'references': ()},
 {'name': 'calendarexception',
  'list': 'calendar_exceptions',
  'class': 'CalendarException',
  'columns': ('id', 'day', 'working', 'name'),
  'dates': ('day',),
  'datetimes': (),
  'booleans': ('working',),
  'floats': (),
  'ordered': False,
  'references': ()},
 {'name': 'stage',
  'list': 'stages',
  'class': 'Stage',
  'columns': ('id', 'order', 'name', 'label', 'goal', 'start_month', 'end_month', 'start_date', 'end_date'),
  'dates': ('start_date', 'end_date'),
  'datetimes': (),
  'booleans': (),
  'floats': (),
  'ordered': True,
  'references': ()},
 {'name': 'module',
  'list': 'modules',
  'class': 'Module',
  'columns': ('id', 'order', 'name', 'prefix', 'priority', 'notes'),
  'dates': (),
  'datetimes': (),
  'booleans': (),
  'floats': (),
  'ordered': True,
  'references': ()},
 {'name': 'roadmapcell',
  'list': 'cells',
  'class': 'RoadmapCell',
  'columns': ('id', 'stage_id', 'module_id', 'scope', 'actions', 'acceptance', 'evaluation_method', 'data_source'),
  'dates': (),
  'datetimes': (),
  'booleans': (),
  'floats': (),
  'ordered': False,
  'references': (('module_id', 'module'), ('stage_id', 'stage'))},
 {'name': 'task',
  'list': 'tasks',
  'class': 'Task',
  'columns': ('id',
              'code',
              'module_id',
              'stage_id',
              'parent_id',
              'order',
              'name',
              'actions',
              'start_date',
              'end_date',
              'not_before',
              'period_style',
              'duration_days',
              'estimated',
              'progress',
              'actual_start',
              'actual_finish',
              'owner',
              'roles_text',
              'milestone_text',
              'acceptance',
              'risk_response',
              'status',
              'scheduling',
              'priority',
              'is_milestone',
              'notes'),
  'dates': ('start_date', 'end_date', 'not_before', 'actual_start', 'actual_finish'),
  'datetimes': (),
  'booleans': ('estimated', 'is_milestone'),
  'floats': ('progress',),
  'ordered': True,
  'references': (('module_id', 'module'), ('parent_id', 'task'), ('stage_id', 'stage'))},
 {'name': 'team',
  'list': 'teams',
  'class': 'Team',
  'columns': ('id', 'order', 'name', 'capacity'),
  'dates': (),
  'datetimes': (),
  'booleans': (),
  'floats': (),
  'ordered': True,
  'references': ()},
 {'name': 'role',
  'list': 'roles',
  'class': 'Role',
  'columns': ('id', 'name', 'team_id', 'capacity'),
  'dates': (),
  'datetimes': (),
  'booleans': (),
  'floats': (),
  'ordered': False,
  'references': (('team_id', 'team'),)},
 {'name': 'taskrole',
  'list': 'task_roles',
  'class': 'TaskRole',
  'columns': ('id', 'task_id', 'role_id', 'headcount', 'order'),
  'dates': (),
  'datetimes': (),
  'booleans': (),
  'floats': (),
  'ordered': False,
  'references': (('role_id', 'role'), ('task_id', 'task'))},
 {'name': 'dependency',
  'list': 'dependencies',
  'class': 'Dependency',
  'columns': ('id', 'predecessor_id', 'successor_id', 'type', 'lag', 'lag_unit', 'threshold', 'text'),
  'dates': (),
  'datetimes': (),
  'booleans': (),
  'floats': ('threshold',),
  'ordered': False,
  'references': (('predecessor_id', 'task'), ('successor_id', 'task'))},
 {'name': 'milestone',
  'list': 'milestones',
  'class': 'Milestone',
  'columns': ('id', 'order', 'name', 'date', 'criterion', 'task_id', 'stage_id', 'actual_date', 'status'),
  'dates': ('date', 'actual_date'),
  'datetimes': (),
  'booleans': (),
  'floats': (),
  'ordered': True,
  'references': (('stage_id', 'stage'), ('task_id', 'task'))},
 {'name': 'risk',
  'list': 'risks',
  'class': 'Risk',
  'columns': ('id', 'order', 'category', 'description', 'response', 'owner', 'task_id', 'module_id'),
  'dates': (),
  'datetimes': (),
  'booleans': (),
  'floats': (),
  'ordered': True,
  'references': (('module_id', 'module'), ('task_id', 'task'))},
 {'name': 'racicell',
  'list': 'raci',
  'class': 'RaciCell',
  'columns': ('id', 'module_id', 'task_id', 'team_id', 'role'),
  'dates': (),
  'datetimes': (),
  'booleans': (),
  'floats': (),
  'ordered': False,
  'references': (('module_id', 'module'), ('task_id', 'task'), ('team_id', 'team'))},
 {'name': 'divisionofwork',
  'list': 'division',
  'class': 'DivisionOfWork',
  'columns': ('id', 'module_id', 'decision_maker', 'executing_roles', 'cadence'),
  'dates': (),
  'datetimes': (),
  'booleans': (),
  'floats': (),
  'ordered': False,
  'references': (('module_id', 'module'),)},
 {'name': 'objective',
  'list': 'objectives',
  'class': 'Objective',
  'columns': ('id', 'order', 'code', 'title', 'kind', 'owner', 'period'),
  'dates': (),
  'datetimes': (),
  'booleans': (),
  'floats': (),
  'ordered': True,
  'references': ()},
 {'name': 'indicator',
  'list': 'indicators',
  'class': 'Indicator',
  'columns': ('id',
              'order',
              'code',
              'name',
              'module_id',
              'stage_id',
              'target_text',
              'baseline',
              'target',
              'comparator',
              'unit',
              'direction',
              'rule',
              'owner_team_id',
              'evaluation_method',
              'data_source'),
  'dates': (),
  'datetimes': (),
  'booleans': (),
  'floats': ('baseline', 'target'),
  'ordered': True,
  'references': (('module_id', 'module'), ('owner_team_id', 'team'), ('stage_id', 'stage'))},
 {'name': 'keyresult',
  'list': 'key_results',
  'class': 'KeyResult',
  'columns': ('id',
              'objective_id',
              'order',
              'code',
              'title',
              'plan',
              'execution',
              'measurability',
              'steps',
              'target_text',
              'baseline',
              'target',
              'unit',
              'progress'),
  'dates': (),
  'datetimes': (),
  'booleans': (),
  'floats': ('baseline', 'target', 'progress'),
  'ordered': True,
  'references': (('objective_id', 'objective'),)},
 {'name': 'keyresultlink',
  'list': 'kr_links',
  'class': 'KeyResultLink',
  'columns': ('id', 'key_result_id', 'indicator_id', 'task_id'),
  'dates': (),
  'datetimes': (),
  'booleans': (),
  'floats': (),
  'ordered': False,
  'references': (('indicator_id', 'indicator'), ('key_result_id', 'keyresult'), ('task_id', 'task'))},
 {'name': 'reading',
  'list': 'readings',
  'class': 'Reading',
  'columns': ('id',
              'indicator_id',
              'period',
              'period_value',
              'cumulative_value',
              'test_date',
              'tester',
              'source',
              'exception_note',
              'verified',
              'verified_by'),
  'dates': ('test_date',),
  'datetimes': (),
  'booleans': ('verified',),
  'floats': ('period_value', 'cumulative_value'),
  'ordered': False,
  'references': (('indicator_id', 'indicator'),)},
 {'name': 'baseline',
  'list': 'baselines',
  'class': 'Baseline',
  'columns': ('id', 'name', 'taken_on'),
  'dates': ('taken_on',),
  'datetimes': (),
  'booleans': (),
  'floats': (),
  'ordered': False,
  'references': ()},
 {'name': 'baselinetask',
  'list': 'baseline_tasks',
  'class': 'BaselineTask',
  'columns': ('id', 'baseline_id', 'task_id', 'start_date', 'end_date', 'progress'),
  'dates': ('start_date', 'end_date'),
  'datetimes': (),
  'booleans': (),
  'floats': ('progress',),
  'ordered': False,
  'references': (('baseline_id', 'baseline'), ('task_id', 'task'))})

DDL = ('CREATE TABLE programme (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tname VARCHAR NOT NULL, \n'
 '\tstart_date DATE NOT NULL, \n'
 '\tlanguage VARCHAR NOT NULL, \n'
 '\tworkweek VARCHAR NOT NULL, \n'
 '\tholiday_region VARCHAR NOT NULL, \n'
 '\tstatus_date DATE, \n'
 '\tnotes VARCHAR NOT NULL, \n'
 "\tdefault_scheduling VARCHAR DEFAULT 'auto' NOT NULL, \n"
 "\tweek_numbering VARCHAR DEFAULT 'programme' NOT NULL, \n"
 '\tPRIMARY KEY (id)\n'
 ')',
 'CREATE TABLE calendarexception (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tday DATE NOT NULL, \n'
 '\tworking BOOLEAN NOT NULL, \n'
 '\tname VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (day)\n'
 ')',
 'CREATE TABLE stage (\n'
 '\tid INTEGER NOT NULL, \n'
 '\t"order" INTEGER NOT NULL, \n'
 '\tname VARCHAR NOT NULL, \n'
 '\tlabel VARCHAR NOT NULL, \n'
 '\tgoal VARCHAR NOT NULL, \n'
 '\tstart_month INTEGER, \n'
 '\tend_month INTEGER, \n'
 '\tstart_date DATE, \n'
 '\tend_date DATE, \n'
 '\tPRIMARY KEY (id)\n'
 ')',
 'CREATE TABLE module (\n'
 '\tid INTEGER NOT NULL, \n'
 '\t"order" INTEGER NOT NULL, \n'
 '\tname VARCHAR NOT NULL, \n'
 '\tprefix VARCHAR NOT NULL, \n'
 '\tpriority VARCHAR, \n'
 '\tnotes VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (id)\n'
 ')',
 'CREATE TABLE team (\n'
 '\tid INTEGER NOT NULL, \n'
 '\t"order" INTEGER NOT NULL, \n'
 '\tname VARCHAR NOT NULL, \n'
 '\tcapacity INTEGER, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (name)\n'
 ')',
 'CREATE TABLE objective (\n'
 '\tid INTEGER NOT NULL, \n'
 '\t"order" INTEGER NOT NULL, \n'
 '\tcode VARCHAR NOT NULL, \n'
 '\ttitle VARCHAR NOT NULL, \n'
 '\tkind VARCHAR NOT NULL, \n'
 '\towner VARCHAR NOT NULL, \n'
 '\tperiod VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (code)\n'
 ')',
 'CREATE TABLE baseline (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tname VARCHAR NOT NULL, \n'
 '\ttaken_on DATE NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (name)\n'
 ')',
 'CREATE TABLE roadmapcell (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tstage_id INTEGER NOT NULL, \n'
 '\tmodule_id INTEGER NOT NULL, \n'
 '\tscope VARCHAR NOT NULL, \n'
 '\tactions VARCHAR NOT NULL, \n'
 '\tacceptance VARCHAR NOT NULL, \n'
 '\tevaluation_method VARCHAR NOT NULL, \n'
 '\tdata_source VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (stage_id, module_id), \n'
 '\tFOREIGN KEY(stage_id) REFERENCES stage (id), \n'
 '\tFOREIGN KEY(module_id) REFERENCES module (id)\n'
 ')',
 'CREATE TABLE task (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tcode VARCHAR NOT NULL, \n'
 '\tmodule_id INTEGER, \n'
 '\tstage_id INTEGER, \n'
 '\tparent_id INTEGER, \n'
 '\t"order" INTEGER NOT NULL, \n'
 '\tname VARCHAR NOT NULL, \n'
 '\tactions VARCHAR NOT NULL, \n'
 '\tstart_date DATE, \n'
 '\tend_date DATE, \n'
 '\tnot_before DATE, \n'
 '\tperiod_style VARCHAR NOT NULL, \n'
 '\tduration_days INTEGER, \n'
 "\testimated BOOLEAN DEFAULT '0' NOT NULL, \n"
 '\tprogress FLOAT NOT NULL, \n'
 '\tactual_start DATE, \n'
 '\tactual_finish DATE, \n'
 "\towner VARCHAR DEFAULT '' NOT NULL, \n"
 '\troles_text VARCHAR NOT NULL, \n'
 '\tmilestone_text VARCHAR NOT NULL, \n'
 '\tacceptance VARCHAR NOT NULL, \n'
 '\trisk_response VARCHAR NOT NULL, \n'
 '\tstatus VARCHAR NOT NULL, \n'
 '\tscheduling VARCHAR NOT NULL, \n'
 '\tpriority VARCHAR, \n'
 '\tis_milestone BOOLEAN NOT NULL, \n'
 '\tnotes VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (code), \n'
 '\tCONSTRAINT task_progress_range CHECK (progress >= 0 AND progress <= 1), \n'
 '\tCONSTRAINT task_span_order CHECK (end_date >= start_date), \n'
 '\tCONSTRAINT task_span_both CHECK ((start_date IS NULL) = (end_date IS NULL)), \n'
 '\tCONSTRAINT task_parent_not_self CHECK (parent_id IS NULL OR parent_id != id), \n'
 '\tFOREIGN KEY(module_id) REFERENCES module (id), \n'
 '\tFOREIGN KEY(stage_id) REFERENCES stage (id), \n'
 '\tFOREIGN KEY(parent_id) REFERENCES task (id)\n'
 ')',
 'CREATE TABLE role (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tname VARCHAR NOT NULL, \n'
 '\tteam_id INTEGER, \n'
 '\tcapacity INTEGER, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (name), \n'
 '\tFOREIGN KEY(team_id) REFERENCES team (id)\n'
 ')',
 'CREATE TABLE divisionofwork (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tmodule_id INTEGER NOT NULL, \n'
 '\tdecision_maker VARCHAR NOT NULL, \n'
 '\texecuting_roles VARCHAR NOT NULL, \n'
 '\tcadence VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (module_id), \n'
 '\tFOREIGN KEY(module_id) REFERENCES module (id)\n'
 ')',
 'CREATE TABLE keyresult (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tobjective_id INTEGER NOT NULL, \n'
 '\t"order" INTEGER NOT NULL, \n'
 '\tcode VARCHAR NOT NULL, \n'
 '\ttitle VARCHAR NOT NULL, \n'
 '\t"plan" VARCHAR NOT NULL, \n'
 '\texecution VARCHAR NOT NULL, \n'
 '\tmeasurability VARCHAR NOT NULL, \n'
 '\tsteps VARCHAR NOT NULL, \n'
 '\ttarget_text VARCHAR NOT NULL, \n'
 '\tbaseline FLOAT, \n'
 '\ttarget FLOAT, \n'
 '\tunit VARCHAR NOT NULL, \n'
 '\tprogress FLOAT, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (objective_id, code), \n'
 '\tFOREIGN KEY(objective_id) REFERENCES objective (id)\n'
 ')',
 'CREATE TABLE indicator (\n'
 '\tid INTEGER NOT NULL, \n'
 '\t"order" INTEGER NOT NULL, \n'
 '\tcode VARCHAR NOT NULL, \n'
 '\tname VARCHAR NOT NULL, \n'
 '\tmodule_id INTEGER, \n'
 '\tstage_id INTEGER, \n'
 '\ttarget_text VARCHAR NOT NULL, \n'
 '\tbaseline FLOAT, \n'
 '\ttarget FLOAT, \n'
 '\tcomparator VARCHAR NOT NULL, \n'
 '\tunit VARCHAR NOT NULL, \n'
 '\tdirection VARCHAR NOT NULL, \n'
 '\trule VARCHAR NOT NULL, \n'
 '\towner_team_id INTEGER, \n'
 '\tevaluation_method VARCHAR NOT NULL, \n'
 '\tdata_source VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (code), \n'
 '\tFOREIGN KEY(module_id) REFERENCES module (id), \n'
 '\tFOREIGN KEY(stage_id) REFERENCES stage (id), \n'
 '\tFOREIGN KEY(owner_team_id) REFERENCES team (id)\n'
 ')',
 'CREATE TABLE taskrole (\n'
 '\tid INTEGER NOT NULL, \n'
 '\ttask_id INTEGER NOT NULL, \n'
 '\trole_id INTEGER NOT NULL, \n'
 '\theadcount INTEGER NOT NULL, \n'
 '\t"order" INTEGER NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (task_id, role_id), \n'
 '\tCONSTRAINT taskrole_headcount CHECK (headcount >= 0), \n'
 '\tFOREIGN KEY(task_id) REFERENCES task (id), \n'
 '\tFOREIGN KEY(role_id) REFERENCES role (id)\n'
 ')',
 'CREATE TABLE dependency (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tpredecessor_id INTEGER NOT NULL, \n'
 '\tsuccessor_id INTEGER NOT NULL, \n'
 '\ttype VARCHAR NOT NULL, \n'
 '\tlag INTEGER NOT NULL, \n'
 '\tlag_unit VARCHAR NOT NULL, \n'
 '\tthreshold FLOAT NOT NULL, \n'
 '\ttext VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (predecessor_id, successor_id), \n'
 '\tCONSTRAINT dependency_not_self CHECK (predecessor_id != successor_id), \n'
 '\tCONSTRAINT dependency_threshold CHECK (threshold > 0 AND threshold <= 1), \n'
 '\tFOREIGN KEY(predecessor_id) REFERENCES task (id), \n'
 '\tFOREIGN KEY(successor_id) REFERENCES task (id)\n'
 ')',
 'CREATE TABLE milestone (\n'
 '\tid INTEGER NOT NULL, \n'
 '\t"order" INTEGER NOT NULL, \n'
 '\tname VARCHAR NOT NULL, \n'
 '\tdate DATE NOT NULL, \n'
 '\tcriterion VARCHAR NOT NULL, \n'
 '\ttask_id INTEGER, \n'
 '\tstage_id INTEGER, \n'
 '\tactual_date DATE, \n'
 '\tstatus VARCHAR, \n'
 '\tPRIMARY KEY (id), \n'
 '\tFOREIGN KEY(task_id) REFERENCES task (id), \n'
 '\tFOREIGN KEY(stage_id) REFERENCES stage (id)\n'
 ')',
 'CREATE TABLE risk (\n'
 '\tid INTEGER NOT NULL, \n'
 '\t"order" INTEGER NOT NULL, \n'
 '\tcategory VARCHAR NOT NULL, \n'
 '\tdescription VARCHAR NOT NULL, \n'
 '\tresponse VARCHAR NOT NULL, \n'
 '\towner VARCHAR NOT NULL, \n'
 '\ttask_id INTEGER, \n'
 '\tmodule_id INTEGER, \n'
 '\tPRIMARY KEY (id), \n'
 '\tFOREIGN KEY(task_id) REFERENCES task (id), \n'
 '\tFOREIGN KEY(module_id) REFERENCES module (id)\n'
 ')',
 'CREATE TABLE racicell (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tmodule_id INTEGER, \n'
 '\ttask_id INTEGER, \n'
 '\tteam_id INTEGER NOT NULL, \n'
 '\trole VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (module_id, task_id, team_id), \n'
 '\tCONSTRAINT raci_one_subject CHECK ((module_id IS NULL) != (task_id IS NULL)), \n'
 "\tCONSTRAINT raci_role CHECK (role IN ('R','A','C','I')), \n"
 '\tFOREIGN KEY(module_id) REFERENCES module (id), \n'
 '\tFOREIGN KEY(task_id) REFERENCES task (id), \n'
 '\tFOREIGN KEY(team_id) REFERENCES team (id)\n'
 ')',
 'CREATE TABLE keyresultlink (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tkey_result_id INTEGER NOT NULL, \n'
 '\tindicator_id INTEGER, \n'
 '\ttask_id INTEGER, \n'
 '\tPRIMARY KEY (id), \n'
 '\tCONSTRAINT krlink_one_target CHECK ((indicator_id IS NULL) != (task_id IS NULL)), \n'
 '\tFOREIGN KEY(key_result_id) REFERENCES keyresult (id), \n'
 '\tFOREIGN KEY(indicator_id) REFERENCES indicator (id), \n'
 '\tFOREIGN KEY(task_id) REFERENCES task (id)\n'
 ')',
 'CREATE TABLE reading (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tindicator_id INTEGER NOT NULL, \n'
 '\tperiod VARCHAR NOT NULL, \n'
 '\tperiod_value FLOAT, \n'
 '\tcumulative_value FLOAT, \n'
 '\ttest_date DATE, \n'
 '\ttester VARCHAR NOT NULL, \n'
 '\tsource VARCHAR NOT NULL, \n'
 '\texception_note VARCHAR NOT NULL, \n'
 '\tverified BOOLEAN NOT NULL, \n'
 "\tverified_by VARCHAR DEFAULT '' NOT NULL, \n"
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (indicator_id, period), \n'
 '\tFOREIGN KEY(indicator_id) REFERENCES indicator (id)\n'
 ')',
 'CREATE TABLE baselinetask (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tbaseline_id INTEGER NOT NULL, \n'
 '\ttask_id INTEGER NOT NULL, \n'
 '\tstart_date DATE NOT NULL, \n'
 '\tend_date DATE NOT NULL, \n'
 '\tprogress FLOAT NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (baseline_id, task_id), \n'
 '\tFOREIGN KEY(baseline_id) REFERENCES baseline (id), \n'
 '\tFOREIGN KEY(task_id) REFERENCES task (id)\n'
 ')',
 'CREATE INDEX ix_baselinetask_baseline_id ON baselinetask (baseline_id)',
 'CREATE INDEX ix_baselinetask_task_id ON baselinetask (task_id)',
 'CREATE INDEX ix_dependency_predecessor_id ON dependency (predecessor_id)',
 'CREATE INDEX ix_dependency_successor_id ON dependency (successor_id)',
 'CREATE INDEX ix_indicator_module_id ON indicator (module_id)',
 'CREATE INDEX ix_indicator_stage_id ON indicator (stage_id)',
 'CREATE INDEX ix_keyresult_objective_id ON keyresult (objective_id)',
 'CREATE INDEX ix_keyresultlink_key_result_id ON keyresultlink (key_result_id)',
 'CREATE INDEX ix_milestone_task_id ON milestone (task_id)',
 'CREATE INDEX ix_racicell_module_id ON racicell (module_id)',
 'CREATE INDEX ix_racicell_task_id ON racicell (task_id)',
 'CREATE INDEX ix_racicell_team_id ON racicell (team_id)',
 'CREATE INDEX ix_reading_indicator_id ON reading (indicator_id)',
 'CREATE INDEX ix_roadmapcell_module_id ON roadmapcell (module_id)',
 'CREATE INDEX ix_roadmapcell_stage_id ON roadmapcell (stage_id)',
 'CREATE INDEX ix_task_module_id ON task (module_id)',
 'CREATE INDEX ix_task_parent_id ON task (parent_id)',
 'CREATE INDEX ix_task_stage_id ON task (stage_id)',
 'CREATE INDEX ix_taskrole_role_id ON taskrole (role_id)',
 'CREATE INDEX ix_taskrole_task_id ON taskrole (task_id)')

CHECKS = (('dependency', 'predecessor_id != successor_id'),
 ('dependency', 'threshold > 0 AND threshold <= 1'),
 ('keyresultlink', '(indicator_id IS NULL) != (task_id IS NULL)'),
 ('racicell', '(module_id IS NULL) != (task_id IS NULL)'),
 ('racicell', "role IN ('R','A','C','I')"),
 ('task', '(start_date IS NULL) = (end_date IS NULL)'),
 ('task', 'end_date >= start_date'),
 ('task', 'parent_id IS NULL OR parent_id != id'),
 ('task', 'progress >= 0 AND progress <= 1'),
 ('taskrole', 'headcount >= 0'))

TABLE_BY_NAME = {t["name"]: t for t in TABLES}
TABLE_BY_LIST = {t["list"]: t for t in TABLES if t["list"] is not None}
