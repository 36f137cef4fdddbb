package io.peloton.mesos.sim.http;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.peloton.mesos.sim.master.CallRejected;
import io.peloton.mesos.sim.master.Master;
import io.peloton.mesos.sim.wire.JsonConversionException;
import io.peloton.mesos.sim.wire.StoutJson;
import io.peloton.mesos.sim.wire.WireFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.apache.mesos.v1.scheduler.Protos.Call;

/** {@code POST /api/v1/scheduler}: the checks of Master::Http::scheduler, in Mesos's order. */
final class SchedulerEndpoint {
  private final Master master;

  SchedulerEndpoint(Master master) {
    this.master = master;
  }

  void handle(HttpServerRequest req) {
    HttpServerResponse resp = req.response();
    WireFormat format = Responses.callFormat(req);
    if (format == null) {
      return;
    }
    req.body().onSuccess(body -> handleBody(req, format, body))
        .onFailure(e -> Responses.error(resp, 400, "Failed to read the request body: " + e.getMessage()));
  }

  private void handleBody(HttpServerRequest req, WireFormat format, Buffer body) {
    HttpServerResponse resp = req.response();
    Call call;
    try {
      call = parse(format, body);
    } catch (CallRejected e) {
      Responses.error(resp, e.status(), e.getMessage());
      return;
    }
    String invalid = validate(call);
    if (invalid != null) {
      Responses.error(resp, 400, "Failed to validate scheduler::Call: " + invalid);
      return;
    }
    if (call.getType() == Call.Type.SUBSCRIBE) {
      WireFormat out = WireFormat.negotiate(req.getHeader("Accept"));
      if (out == null) {
        Responses.error(resp, 406, "Expecting 'Accept' to allow application/json or application/x-protobuf");
        return;
      }
      if (req.getHeader("Mesos-Stream-Id") != null) {
        Responses.error(resp, 400, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
        return;
      }
      resp.setStatusCode(200).setChunked(true).putHeader("Content-Type", out.mediaType());
      HttpEventStream stream = new HttpEventStream(resp, out, master);
      resp.putHeader("Mesos-Stream-Id", stream.streamId());
      master.subscribe(call, stream);
      return;
    }
    if (call.getType() == Call.Type.UNKNOWN) {
      Responses.error(resp, 501, "Received an unexpected 'UNKNOWN' call");
      return;
    }
    try {
      int status = master.handle(call, req.getHeader("Mesos-Stream-Id"));
      Responses.empty(resp, status);
    } catch (CallRejected e) {
      Responses.error(resp, e.status(), e.getMessage());
    }
  }

  private static Call parse(WireFormat format, Buffer body) {
    if (format == WireFormat.PROTOBUF) {
      try {
        return Call.parseFrom(body.getBytes());
      } catch (InvalidProtocolBufferException e) {
        throw new CallRejected(400, "Failed to parse body into Call protobuf");
      }
    }
    Call.Builder builder = Call.newBuilder();
    try {
      StoutJson.parse(body.toString(), builder);
    } catch (JsonConversionException e) {
      String msg = e.getMessage().startsWith("Malformed JSON") ? e.getMessage()
          : "Failed to convert JSON into Call protobuf: " + e.getMessage();
      throw new CallRejected(400, msg);
    }
    if (!builder.isInitialized()) {
      throw new CallRejected(400, "Failed to convert JSON into Call protobuf: Missing required fields: "
          + StoutJson.missingRequired(builder));
    }
    return builder.build();
  }

  /** validation::scheduler::call::validate; null when the call is valid. */
  static String validate(Call call) {
    if (!call.hasType()) {
      return "Expecting 'type' to be present";
    }
    if (call.getType() == Call.Type.SUBSCRIBE) {
      if (!call.hasSubscribe()) {
        return "Expecting 'subscribe' to be present";
      }
      boolean infoId = call.getSubscribe().getFrameworkInfo().hasId();
      if (call.hasFrameworkId() != infoId
          || (infoId && !call.getFrameworkId().equals(call.getSubscribe().getFrameworkInfo().getId()))) {
        return "'framework_id' differs from 'subscribe.framework_info.id'";
      }
      return null;
    }
    if (call.getType() == Call.Type.UNKNOWN) {
      return null;
    }
    if (!call.hasFrameworkId()) {
      return "Expecting 'framework_id' to be present";
    }
    return switch (call.getType()) {
      case ACCEPT -> call.hasAccept() ? null : "Expecting 'accept' to be present";
      case DECLINE -> call.hasDecline() ? null : "Expecting 'decline' to be present";
      case ACCEPT_INVERSE_OFFERS -> call.hasAcceptInverseOffers() ? null : "Expecting 'accept_inverse_offers' to be present";
      case DECLINE_INVERSE_OFFERS -> call.hasDeclineInverseOffers() ? null : "Expecting 'decline_inverse_offers' to be present";
      case KILL -> call.hasKill() ? null : "Expecting 'kill' to be present";
      case SHUTDOWN -> call.hasShutdown() ? null : "Expecting 'shutdown' to be present";
      case ACKNOWLEDGE -> !call.hasAcknowledge() ? "Expecting 'acknowledge' to be present"
          : validUuid(call.getAcknowledge().getUuid()) ? null : "Not a valid UUID";
      case ACKNOWLEDGE_OPERATION_STATUS -> !call.hasAcknowledgeOperationStatus()
          ? "Expecting 'acknowledge_operation_status' to be present"
          : !validUuid(call.getAcknowledgeOperationStatus().getUuid()) ? "Not a valid UUID"
          : !call.getAcknowledgeOperationStatus().hasAgentId() ? "Expecting 'agent_id' to be present" : null;
      case RECONCILE -> call.hasReconcile() ? null : "Expecting 'reconcile' to be present";
      case RECONCILE_OPERATIONS -> call.hasReconcileOperations() ? null : "Expecting 'reconcile_operations' to be present";
      case MESSAGE -> call.hasMessage() ? null : "Expecting 'message' to be present";
      case REQUEST -> call.hasRequest() ? null : "Expecting 'request' to be present";
      case UPDATE_FRAMEWORK -> !call.hasUpdateFramework() ? "Expecting 'update_framework' to be present"
          : call.getFrameworkId().equals(call.getUpdateFramework().getFrameworkInfo().getId()) ? null
          : "'framework_id' differs from 'update_framework.framework_info.id'";
      default -> null;
    };
  }

  private static boolean validUuid(ByteString uuid) {
    return uuid.size() == 16;
  }
}
