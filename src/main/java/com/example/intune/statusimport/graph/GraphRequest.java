package com.example.intune.statusimport.graph;

import tools.jackson.databind.JsonNode;

/**
 * One request to Graph, addressed below the service root, as it travels alone or inside a {@code $batch}.
 *
 * @param method the HTTP method
 * @param path the path below the service root, starting with {@code /}, its segments already safe
 * @param body the JSON body, or {@code null} for none
 * @param resourceId the {@code id} Graph's answer must carry to count as a success (the resource the request
 * addresses), or {@code null} when the answer is not one resource
 */
public record GraphRequest(String method, String path, JsonNode body, String resourceId) {

	public static GraphRequest patch(String path, JsonNode body, String resourceId) {
		return new GraphRequest("PATCH", path, body, resourceId);
	}

	public static GraphRequest get(String path, String resourceId) {
		return new GraphRequest("GET", path, null, resourceId);
	}

	/** Writes count against Intune's write quota; reads against a quota ten times larger. */
	public boolean isWrite() {
		return !this.method.equals("GET");
	}

}
