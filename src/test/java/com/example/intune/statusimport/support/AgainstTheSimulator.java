package com.example.intune.statusimport.support;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.SimulatorSettings;

/**
 * What a command test against the Graph simulator starts from: a folder of its own, a workspace in it, and a healthy
 * simulator on loopback, stopped after each test.
 */
public abstract class AgainstTheSimulator {

	@TempDir
	protected Path dir;

	protected Workspace workspace;

	protected GraphSimulator graph;

	@BeforeEach
	void startTheSimulator() {
		this.workspace = new Workspace(this.dir);
		this.graph = GraphSimulator.start(SimulatorSettings.healthy());
	}

	@AfterEach
	void stopTheSimulator() {
		this.graph.close();
	}

}
