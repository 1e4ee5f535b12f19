/** Wire samples from the reference, shared by codec tests. */

/** The `Status` sample of reference §5.3, with the elided attributes and qualifier filled in. */
export const STATUS_SAMPLE = `<Status SchemaVersion="1.0" CodePage="437" LocaleID="1033">
  <Type>SoftDistProgramStartedEvent</Type>
  <Properties>
    <Property Name="AdvertisementId">ABC20001</Property>
    <Property Name="PackageName">ABC00012</Property>
    <Property Name="ProgramName">Install</Property>
  </Properties>
  <Qualifiers>
    <Qualifier Name="MachineName">WKS-001</Qualifier>
  </Qualifiers>
</Status>`

/** The `StateMessage` sample of reference §5.4, verbatim. */
export const STATE_MESSAGE_SAMPLE = `<StateMessage MessageTime="20140120171855.573000+000" SerialNumber="232">
  <Topic ID="505fda07-b4f3-45fb-83d9-8642554e2773" Type="500" IDType="3" User="" UserSID=""/>
  <State ID="2" Criticality="0"/>
  <StateDetails Type="1"><![CDATA[free text]]></StateDetails>
  <UserParameters Flags="0" Count="1"><Param>200</Param></UserParameters>
</StateMessage>`

/** A state report (reference §5.2 envelope) around the given `StateMessage` elements. */
export function stateReportSample(body: string = STATE_MESSAGE_SAMPLE): string {
  return `<?xml version="1.0" encoding="UTF-16"?>
<Report>
  <ReportHeader>
    <Identification>
      <Machine>
        <ClientInstalled>1</ClientInstalled>
        <ClientType>1</ClientType>
        <Unknown>0</Unknown>
        <ClientID IDType="0" IDFlag="1">GUID:4d1c2c2e-6a55-4b8e-9d3e-0a0b0c0d0e0f</ClientID>
        <ClientVersion>5.00.8325.1000</ClientVersion>
        <NetBIOSName>WKS-001</NetBIOSName>
        <CodePage>437</CodePage>
        <SystemDefaultLCID>1033</SystemDefaultLCID>
        <Priority>5</Priority>
      </Machine>
    </Identification>
    <ReportDetails>
      <ReportContent>State Message Data</ReportContent>
      <ReportType>Full</ReportType>
      <Date>20140120194656.903000+000</Date>
      <Version>1.0</Version>
      <Format>1.0</Format>
    </ReportDetails>
  </ReportHeader>
  <ReportBody>${body}</ReportBody>
</Report>`
}
