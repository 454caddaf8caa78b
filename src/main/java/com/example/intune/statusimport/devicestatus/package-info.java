/**
 * The device status as this job knows it: its properties and how their names are compared, the compliance status
 * names and labels, the rule for the ids that address it, and a validated update.
 */
package com.example.intune.statusimport.devicestatus;
