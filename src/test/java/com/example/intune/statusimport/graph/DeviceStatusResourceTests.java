package com.example.intune.statusimport.graph;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceStatusResourceTests {

	@Test
	void aPatchAddressesTheStatusAndCarriesOnlyWhatTheUpdateSets() {
		Map<DeviceStatusProperty, String> changes = new EnumMap<>(DeviceStatusProperty.class);
		changes.put(DeviceStatusProperty.STATUS, "compliant");
		changes.put(DeviceStatusProperty.USER_NAME, null);
		GraphRequest request = DeviceStatusResource.patch(new DeviceStatusUpdate("cfg-1", "dcs-1", changes));

		assertThat(request.method()).isEqualTo("PATCH");
		assertThat(request.isWrite()).isTrue();
		assertThat(request.path()).isEqualTo("/deviceManagement/deviceConfigurations/cfg-1/deviceStatuses/dcs-1");
		ObjectNode body = (ObjectNode) request.body();
		assertThat(body.propertyNames()).containsExactly("@odata.type", "userName", "status");
		assertThat(body.path("@odata.type").asString()).isEqualTo(DeviceStatusResource.ODATA_TYPE);
		assertThat(body.get("userName").isNull()).isTrue();
	}

	@Test
	void theSimulatorFindsTheAddressInThePathTheClientSends() {
		String path = "/v1.0" + DeviceStatusResource.path("cfg-1", "dcs-1");
		assertThat(DeviceStatusResource.addressOf(path))
			.contains(new DeviceStatusResource.Address("cfg-1", "dcs-1"));
		assertThat(DeviceStatusResource.addressOf(path).orElseThrow().key()).isEqualTo("cfg-1/dcs-1");
		assertThat(DeviceStatusResource.addressOf("/v1.0/deviceManagement/deviceConfigurations/cfg-1")).isEmpty();
		assertThat(GraphRequest.get(DeviceStatusResource.path("c", "i"), "i").isWrite()).isFalse();
	}

}
