-- Roadmap Planner plan schema, version 3 (work breakdown: summary tasks, owners, undated tasks).
-- Frozen: never edit. Generated once from planner/model.py when format 4 was introduced.

CREATE TABLE programme (
	id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	start_date DATE NOT NULL, 
	language VARCHAR NOT NULL, 
	workweek VARCHAR NOT NULL, 
	holiday_region VARCHAR NOT NULL, 
	status_date DATE, 
	notes VARCHAR NOT NULL, 
	default_scheduling VARCHAR DEFAULT 'auto' NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE calendarexception (
	id INTEGER NOT NULL, 
	day DATE NOT NULL, 
	working BOOLEAN NOT NULL, 
	name VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (day)
);

CREATE TABLE stage (
	id INTEGER NOT NULL, 
	"order" INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	label VARCHAR NOT NULL, 
	goal VARCHAR NOT NULL, 
	start_month INTEGER, 
	end_month INTEGER, 
	start_date DATE, 
	end_date DATE, 
	PRIMARY KEY (id)
);

CREATE TABLE module (
	id INTEGER NOT NULL, 
	"order" INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	prefix VARCHAR NOT NULL, 
	priority VARCHAR, 
	notes VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE team (
	id INTEGER NOT NULL, 
	"order" INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);

CREATE TABLE objective (
	id INTEGER NOT NULL, 
	"order" INTEGER NOT NULL, 
	code VARCHAR NOT NULL, 
	title VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	owner VARCHAR NOT NULL, 
	period VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (code)
);

CREATE TABLE baseline (
	id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	taken_on DATE NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);

CREATE TABLE roadmapcell (
	id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	module_id INTEGER NOT NULL, 
	scope VARCHAR NOT NULL, 
	actions VARCHAR NOT NULL, 
	acceptance VARCHAR NOT NULL, 
	evaluation_method VARCHAR NOT NULL, 
	data_source VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (stage_id, module_id), 
	FOREIGN KEY(stage_id) REFERENCES stage (id), 
	FOREIGN KEY(module_id) REFERENCES module (id)
);

CREATE INDEX ix_roadmapcell_module_id ON roadmapcell (module_id);

CREATE INDEX ix_roadmapcell_stage_id ON roadmapcell (stage_id);

CREATE TABLE task (
	id INTEGER NOT NULL, 
	code VARCHAR NOT NULL, 
	module_id INTEGER, 
	stage_id INTEGER, 
	parent_id INTEGER, 
	"order" INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	actions VARCHAR NOT NULL, 
	start_date DATE, 
	end_date DATE, 
	not_before DATE, 
	period_style VARCHAR NOT NULL, 
	duration_days INTEGER, 
	estimated BOOLEAN DEFAULT '0' NOT NULL, 
	progress FLOAT NOT NULL, 
	actual_start DATE, 
	actual_finish DATE, 
	owner VARCHAR DEFAULT '' NOT NULL, 
	roles_text VARCHAR NOT NULL, 
	milestone_text VARCHAR NOT NULL, 
	acceptance VARCHAR NOT NULL, 
	risk_response VARCHAR NOT NULL, 
	status VARCHAR NOT NULL, 
	scheduling VARCHAR NOT NULL, 
	priority VARCHAR, 
	is_milestone BOOLEAN NOT NULL, 
	notes VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (code), 
	CONSTRAINT task_progress_range CHECK (progress >= 0 AND progress <= 1), 
	CONSTRAINT task_span_order CHECK (end_date >= start_date), 
	CONSTRAINT task_span_both CHECK ((start_date IS NULL) = (end_date IS NULL)), 
	CONSTRAINT task_parent_not_self CHECK (parent_id IS NULL OR parent_id != id), 
	FOREIGN KEY(module_id) REFERENCES module (id), 
	FOREIGN KEY(stage_id) REFERENCES stage (id), 
	FOREIGN KEY(parent_id) REFERENCES task (id)
);

CREATE INDEX ix_task_stage_id ON task (stage_id);

CREATE INDEX ix_task_module_id ON task (module_id);

CREATE INDEX ix_task_parent_id ON task (parent_id);

CREATE TABLE role (
	id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	team_id INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (name), 
	FOREIGN KEY(team_id) REFERENCES team (id)
);

CREATE TABLE divisionofwork (
	id INTEGER NOT NULL, 
	module_id INTEGER NOT NULL, 
	decision_maker VARCHAR NOT NULL, 
	executing_roles VARCHAR NOT NULL, 
	cadence VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (module_id), 
	FOREIGN KEY(module_id) REFERENCES module (id)
);

CREATE TABLE keyresult (
	id INTEGER NOT NULL, 
	objective_id INTEGER NOT NULL, 
	"order" INTEGER NOT NULL, 
	code VARCHAR NOT NULL, 
	title VARCHAR NOT NULL, 
	"plan" VARCHAR NOT NULL, 
	execution VARCHAR NOT NULL, 
	measurability VARCHAR NOT NULL, 
	steps VARCHAR NOT NULL, 
	target_text VARCHAR NOT NULL, 
	baseline FLOAT, 
	target FLOAT, 
	unit VARCHAR NOT NULL, 
	progress FLOAT, 
	PRIMARY KEY (id), 
	UNIQUE (objective_id, code), 
	FOREIGN KEY(objective_id) REFERENCES objective (id)
);

CREATE INDEX ix_keyresult_objective_id ON keyresult (objective_id);

CREATE TABLE indicator (
	id INTEGER NOT NULL, 
	"order" INTEGER NOT NULL, 
	code VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	module_id INTEGER, 
	stage_id INTEGER, 
	target_text VARCHAR NOT NULL, 
	baseline FLOAT, 
	target FLOAT, 
	comparator VARCHAR NOT NULL, 
	unit VARCHAR NOT NULL, 
	direction VARCHAR NOT NULL, 
	rule VARCHAR NOT NULL, 
	owner_team_id INTEGER, 
	evaluation_method VARCHAR NOT NULL, 
	data_source VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (code), 
	FOREIGN KEY(module_id) REFERENCES module (id), 
	FOREIGN KEY(stage_id) REFERENCES stage (id), 
	FOREIGN KEY(owner_team_id) REFERENCES team (id)
);

CREATE INDEX ix_indicator_stage_id ON indicator (stage_id);

CREATE INDEX ix_indicator_module_id ON indicator (module_id);

CREATE TABLE taskrole (
	id INTEGER NOT NULL, 
	task_id INTEGER NOT NULL, 
	role_id INTEGER NOT NULL, 
	headcount INTEGER NOT NULL, 
	"order" INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (task_id, role_id), 
	CONSTRAINT taskrole_headcount CHECK (headcount >= 0), 
	FOREIGN KEY(task_id) REFERENCES task (id), 
	FOREIGN KEY(role_id) REFERENCES role (id)
);

CREATE INDEX ix_taskrole_role_id ON taskrole (role_id);

CREATE INDEX ix_taskrole_task_id ON taskrole (task_id);

CREATE TABLE dependency (
	id INTEGER NOT NULL, 
	predecessor_id INTEGER NOT NULL, 
	successor_id INTEGER NOT NULL, 
	type VARCHAR NOT NULL, 
	lag INTEGER NOT NULL, 
	lag_unit VARCHAR NOT NULL, 
	threshold FLOAT NOT NULL, 
	text VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (predecessor_id, successor_id), 
	CONSTRAINT dependency_not_self CHECK (predecessor_id != successor_id), 
	CONSTRAINT dependency_threshold CHECK (threshold > 0 AND threshold <= 1), 
	FOREIGN KEY(predecessor_id) REFERENCES task (id), 
	FOREIGN KEY(successor_id) REFERENCES task (id)
);

CREATE INDEX ix_dependency_predecessor_id ON dependency (predecessor_id);

CREATE INDEX ix_dependency_successor_id ON dependency (successor_id);

CREATE TABLE milestone (
	id INTEGER NOT NULL, 
	"order" INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	date DATE NOT NULL, 
	criterion VARCHAR NOT NULL, 
	task_id INTEGER, 
	stage_id INTEGER, 
	actual_date DATE, 
	status VARCHAR, 
	PRIMARY KEY (id), 
	FOREIGN KEY(task_id) REFERENCES task (id), 
	FOREIGN KEY(stage_id) REFERENCES stage (id)
);

CREATE INDEX ix_milestone_task_id ON milestone (task_id);

CREATE TABLE risk (
	id INTEGER NOT NULL, 
	"order" INTEGER NOT NULL, 
	category VARCHAR NOT NULL, 
	description VARCHAR NOT NULL, 
	response VARCHAR NOT NULL, 
	owner VARCHAR NOT NULL, 
	task_id INTEGER, 
	module_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(task_id) REFERENCES task (id), 
	FOREIGN KEY(module_id) REFERENCES module (id)
);

CREATE TABLE racicell (
	id INTEGER NOT NULL, 
	module_id INTEGER, 
	task_id INTEGER, 
	team_id INTEGER NOT NULL, 
	role VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (module_id, task_id, team_id), 
	CONSTRAINT raci_one_subject CHECK ((module_id IS NULL) != (task_id IS NULL)), 
	CONSTRAINT raci_role CHECK (role IN ('R','A','C','I')), 
	FOREIGN KEY(module_id) REFERENCES module (id), 
	FOREIGN KEY(task_id) REFERENCES task (id), 
	FOREIGN KEY(team_id) REFERENCES team (id)
);

CREATE INDEX ix_racicell_team_id ON racicell (team_id);

CREATE INDEX ix_racicell_task_id ON racicell (task_id);

CREATE INDEX ix_racicell_module_id ON racicell (module_id);

CREATE TABLE keyresultlink (
	id INTEGER NOT NULL, 
	key_result_id INTEGER NOT NULL, 
	indicator_id INTEGER, 
	task_id INTEGER, 
	PRIMARY KEY (id), 
	CONSTRAINT krlink_one_target CHECK ((indicator_id IS NULL) != (task_id IS NULL)), 
	FOREIGN KEY(key_result_id) REFERENCES keyresult (id), 
	FOREIGN KEY(indicator_id) REFERENCES indicator (id), 
	FOREIGN KEY(task_id) REFERENCES task (id)
);

CREATE INDEX ix_keyresultlink_key_result_id ON keyresultlink (key_result_id);

CREATE TABLE reading (
	id INTEGER NOT NULL, 
	indicator_id INTEGER NOT NULL, 
	period VARCHAR NOT NULL, 
	period_value FLOAT, 
	cumulative_value FLOAT, 
	test_date DATE, 
	tester VARCHAR NOT NULL, 
	source VARCHAR NOT NULL, 
	exception_note VARCHAR NOT NULL, 
	verified BOOLEAN NOT NULL, 
	verified_by VARCHAR DEFAULT '' NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (indicator_id, period), 
	FOREIGN KEY(indicator_id) REFERENCES indicator (id)
);

CREATE INDEX ix_reading_indicator_id ON reading (indicator_id);

CREATE TABLE baselinetask (
	id INTEGER NOT NULL, 
	baseline_id INTEGER NOT NULL, 
	task_id INTEGER NOT NULL, 
	start_date DATE NOT NULL, 
	end_date DATE NOT NULL, 
	progress FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (baseline_id, task_id), 
	FOREIGN KEY(baseline_id) REFERENCES baseline (id), 
	FOREIGN KEY(task_id) REFERENCES task (id)
);

CREATE INDEX ix_baselinetask_baseline_id ON baselinetask (baseline_id);

CREATE INDEX ix_baselinetask_task_id ON baselinetask (task_id);
