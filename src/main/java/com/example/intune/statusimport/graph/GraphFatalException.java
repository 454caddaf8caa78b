package com.example.intune.statusimport.graph;

/**
 * Graph cannot be used for this run at all: the token was rejected, the app lacks a permission, or Graph cannot be
 * reached. The run stops (exit code 3) and can be resumed once the cause is fixed. The message never holds a secret.
 */
public class GraphFatalException extends RuntimeException {

	public GraphFatalException(String message) {
		super(message);
	}

}
