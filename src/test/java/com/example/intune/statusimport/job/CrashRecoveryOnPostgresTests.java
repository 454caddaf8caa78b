package com.example.intune.statusimport.job;

import com.example.intune.statusimport.support.TestPostgres;
import com.example.intune.statusimport.support.Workspace;

/**
 * The crash tests with the job store in PostgreSQL: a killed run's STARTED execution is recovered because its
 * advisory lock died with its connection, and a second process on the same run is refused by the database.
 */
class CrashRecoveryOnPostgresTests extends CrashRecoveryTests {

	@Override
	protected Workspace workspace() {
		return new Workspace(this.dir, TestPostgres.shared().newDatabase("crash"));
	}

}
