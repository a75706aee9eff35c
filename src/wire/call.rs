//! Call events (spec §3.10–3.15): the life of a call as a bridge sees it.

use super::codes::{CallType, ConnectionDeviceIdType, PeripheralType};
use super::message::{group, message};

group! {
    /// One CTI client that has handled the call: its signature and when (BEGIN_CALL_EVENT,
    /// CALL_DATA_UPDATE_EVENT; NumCTIClients of them).
    pub struct CtiClient "CTIClients" {
        cti_client_signature: CTI_CLIENT_SIGNATURE => String "CTIClientSignature",
        cti_client_timestamp: CTI_CLIENT_TIMESTAMP => Time "CTIClientTimestamp",
    }
}

message! {
    /// BEGIN_CALL_EVENT (23): a call enters the view of the session, with its call data
    /// (spec §3.10).
    BeginCallEvent = BEGIN_CALL_EVENT(23) {
        monitor_id: u32 => "MonitorID",
        peripheral_id: u32 => "PeripheralID",
        peripheral_type: PeripheralType => "PeripheralType",
        num_cti_clients: u16 => "NumCTIClients",
        num_named_variables: u16 => "NumNamedVariables",
        num_named_arrays: u16 => "NumNamedArrays",
        call_type: CallType => "CallType",
        connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
        connection_call_id: u32 => "ConnectionCallID",
        called_party_disposition: u16 => "CalledPartyDisposition",
    }
    floating {
        /// Required.
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        ani: ANI => String "ANI",
        user_to_user_info: UUI => Unspec "UserToUserInfo",
        dnis: DNIS => String "DNIS",
        dialed_number: DIALED_NUMBER => String "DialedNumber",
        caller_entered_digits: CED => String "CallerEnteredDigits",
        router_call_key_day: ROUTER_CALL_KEY_DAY => UInt "RouterCallKeyDay",
        router_call_key_call_id: ROUTER_CALL_KEY_CALLID => UInt "RouterCallKeyCallID",
        router_call_key_sequence_number: ROUTER_CALL_KEY_SEQUENCE_NUM => UInt "RouterCallKeySequenceNumber",
        call_variable_1: CALL_VAR_1 => String "CallVariable1",
        call_variable_2: CALL_VAR_2 => String "CallVariable2",
        call_variable_3: CALL_VAR_3 => String "CallVariable3",
        call_variable_4: CALL_VAR_4 => String "CallVariable4",
        call_variable_5: CALL_VAR_5 => String "CallVariable5",
        call_variable_6: CALL_VAR_6 => String "CallVariable6",
        call_variable_7: CALL_VAR_7 => String "CallVariable7",
        call_variable_8: CALL_VAR_8 => String "CallVariable8",
        call_variable_9: CALL_VAR_9 => String "CallVariable9",
        call_variable_10: CALL_VAR_10 => String "CallVariable10",
        call_wrapup_data: CALL_WRAPUP_DATA => String "CallWrapupData",
        /// v14 and later.
        call_reference_id: CALL_REFERENCE_ID => Unspec "CallReferenceID",
    }
    repeated {
        named_variables: NAMED_VARIABLE => NamedVar "NamedVariable",
        named_arrays: NAMED_ARRAY => NamedArray "NamedArray",
    }
    groups {
        /// The CTI clients that have handled the call.
        cti_clients: CtiClient,
    }
}

message! {
    /// END_CALL_EVENT (24): the call leaves the session's view (spec §3.11).
    EndCallEvent = END_CALL_EVENT(24) {
        monitor_id: u32 => "MonitorID",
        peripheral_id: u32 => "PeripheralID",
        peripheral_type: PeripheralType => "PeripheralType",
        connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
        connection_call_id: u32 => "ConnectionCallID",
    }
    floating {
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
    }
}

message! {
    /// CALL_DATA_UPDATE_EVENT (25): the call's data changed (spec §3.15).
    CallDataUpdateEvent = CALL_DATA_UPDATE_EVENT(25) {
        monitor_id: u32 => "MonitorID",
        peripheral_id: u32 => "PeripheralID",
        peripheral_type: PeripheralType => "PeripheralType",
        num_cti_clients: u16 => "NumCTIClients",
        num_named_variables: u16 => "NumNamedVariables",
        num_named_arrays: u16 => "NumNamedArrays",
        call_type: CallType => "CallType",
        connection_device_id_type: ConnectionDeviceIdType => "ConnectionDeviceIDType",
        connection_call_id: u32 => "ConnectionCallID",
        new_connection_device_id_type: ConnectionDeviceIdType => "NewConnectionDeviceIDType",
        new_connection_call_id: u32 => "NewConnectionCallID",
        called_party_disposition: u16 => "CalledPartyDisposition",
        campaign_id: u32 => "CampaignID",
        query_rule_id: u32 => "QueryRuleID",
    }
    floating {
        connection_device_id: CONNECTION_DEVID => String "ConnectionDeviceID",
        new_connection_device_id: NEW_CONNECTION_DEVID => String "NewConnectionDeviceID",
        ani: ANI => String "ANI",
        user_to_user_info: UUI => Unspec "UserToUserInfo",
        dnis: DNIS => String "DNIS",
        dialed_number: DIALED_NUMBER => String "DialedNumber",
        caller_entered_digits: CED => String "CallerEnteredDigits",
        router_call_key_day: ROUTER_CALL_KEY_DAY => UInt "RouterCallKeyDay",
        router_call_key_call_id: ROUTER_CALL_KEY_CALLID => UInt "RouterCallKeyCallID",
        router_call_key_sequence_number: ROUTER_CALL_KEY_SEQUENCE_NUM => UInt "RouterCallKeySequenceNumber",
        call_variable_1: CALL_VAR_1 => String "CallVariable1",
        call_variable_2: CALL_VAR_2 => String "CallVariable2",
        call_variable_3: CALL_VAR_3 => String "CallVariable3",
        call_variable_4: CALL_VAR_4 => String "CallVariable4",
        call_variable_5: CALL_VAR_5 => String "CallVariable5",
        call_variable_6: CALL_VAR_6 => String "CallVariable6",
        call_variable_7: CALL_VAR_7 => String "CallVariable7",
        call_variable_8: CALL_VAR_8 => String "CallVariable8",
        call_variable_9: CALL_VAR_9 => String "CallVariable9",
        call_variable_10: CALL_VAR_10 => String "CallVariable10",
        call_wrapup_data: CALL_WRAPUP_DATA => String "CallWrapupData",
        customer_phone_number: CUSTOMER_PHONE_NUMBER => String "CustomerPhoneNumber",
        customer_account_number: CUSTOMER_ACCOUNT_NUMBER => String "CustomerAccountNumber",
        call_reference_id: CALL_REFERENCE_ID => Unspec "CallReferenceID",
    }
    repeated {
        named_variables: NAMED_VARIABLE => NamedVar "NamedVariable",
        named_arrays: NAMED_ARRAY => NamedArray "NamedArray",
    }
    groups {
        /// The CTI clients that have handled the call.
        cti_clients: CtiClient,
    }
}
