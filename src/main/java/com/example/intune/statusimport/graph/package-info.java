/**
 * Talking to Microsoft Graph: the one attempt loop for every request (pacing at the write quota, Retry-After and
 * back-off, token renewal, the stops when Graph cannot be used), {@code $batch}, and the wire shape of a status.
 */
package com.example.intune.statusimport.graph;
