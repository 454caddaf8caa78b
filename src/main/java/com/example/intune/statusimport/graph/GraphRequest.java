package com.example.intune.statusimport.graph;

import tools.jackson.databind.JsonNode;

/**
 * One request to Graph, addressed below the service root, as it travels alone or inside a {@code $batch}.
 *
 * @param method the HTTP method
 * @param path the path below the service root, starting with {@code /}, its segments already safe
 * @param body the JSON body, or {@code null} for none
 */
public record GraphRequest(String method, String path, JsonNode body) {

	public static GraphRequest patch(String path, JsonNode body) {
		return new GraphRequest("PATCH", path, body);
	}

	public static GraphRequest get(String path) {
		return new GraphRequest("GET", path, null);
	}

	/** Writes count against Intune's write quota; reads against a quota ten times larger. */
	public boolean isWrite() {
		return !this.method.equals("GET");
	}

}
