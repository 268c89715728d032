package io.modelbridge.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.service.AiServices;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.CallHook;
import io.modelbridge.core.hook.ModelCall;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AiServicesTest {

  interface OrderDesk {
    String answer(String question);
  }

  @Test
  void gatewayDropsIntoAiServices_andCarriesTheBoundContext() {
    List<String> tenants = new CopyOnWriteArrayList<>();
    CallHook seeTenant = new CallHook() {
      @Override
      public ModelCall beforeRequest(ModelCall call) {
        tenants.add(call.context().tenant());
        return call;
      }
    };
    ModelGateway gateway = ModelGateway.builder().offline().hook(seeTenant).build();
    // The gateway is a ChatModel and a StreamingChatModel, so AiServices.create(type, gateway) is ambiguous:
    // name the role (builder) or cast.
    OrderDesk desk = AiServices.builder(OrderDesk.class).chatModel(gateway).build();

    String answer = CallContext.of("acme", "clerk-7", "order-desk")
        .call(() -> desk.answer("Which orders are open?\n- A-1 open\n- A-2 open"));

    assertThat(answer).startsWith("[offline model]").contains("2 records", "A-1 open");
    assertThat(tenants).containsExactly("acme");
  }
}
